from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accessions.importers import AccessionImporter, ImportRowError


class Command(BaseCommand):
    help = "Import a field collection sheet (CSV) as new accessions. See docs/field-sheet.md."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the CSV exported from the collectors' tablets")

    def handle(self, *args, path, **options):
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        importer = AccessionImporter(source_name=path.name)
        with path.open(newline="", encoding="utf-8-sig") as fh:
            try:
                result = importer.import_file(fh)
            except ImportRowError as exc:
                raise CommandError(f"{path.name}: {exc}")
        for accession in result.created:
            self.stdout.write(f"{accession.number}  {accession.species}  ({accession.field_number})")
        for species in result.new_species:
            self.stdout.write(self.style.WARNING(f"new species created: {species} - check the family in the admin"))
        self.stdout.write(self.style.SUCCESS(f"{len(result.created)} accession(s) imported from {path.name}"))
