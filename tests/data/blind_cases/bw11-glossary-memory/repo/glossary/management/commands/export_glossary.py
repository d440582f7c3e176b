from django.core.management.base import BaseCommand, CommandError

from glossary.models import Glossary
from glossary.services import export_terms_csv


class Command(BaseCommand):
    help = "Write a glossary as CSV (source_term,target_term,part_of_speech,forbidden,note)."

    def add_arguments(self, parser):
        parser.add_argument("glossary_id", type=int)
        parser.add_argument("-o", "--output", help="file to write (default: stdout)")

    def handle(self, *args, glossary_id, output=None, **options):
        try:
            glossary = Glossary.objects.get(pk=glossary_id)
        except Glossary.DoesNotExist:
            raise CommandError(f"glossary {glossary_id} does not exist")
        text = export_terms_csv(glossary)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            self.stderr.write(f"wrote {glossary.terms.count()} terms to {output}")
        else:
            self.stdout.write(text, ending="")
