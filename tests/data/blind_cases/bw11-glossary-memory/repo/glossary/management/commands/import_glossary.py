from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from glossary.models import Glossary
from wordhouse.queues import enqueue


class Command(BaseCommand):
    help = "Import a glossary CSV, on the glossary queue (default) or inline with --now."

    def add_arguments(self, parser):
        parser.add_argument("glossary_id", type=int)
        parser.add_argument("csv_file", type=Path)
        parser.add_argument("--replace", action="store_true", help="delete terms that are not in the file")
        parser.add_argument("--now", action="store_true", help="run in this process instead of enqueueing")

    def handle(self, *args, glossary_id, csv_file, replace=False, now=False, **options):
        if not Glossary.objects.filter(pk=glossary_id).exists():
            raise CommandError(f"glossary {glossary_id} does not exist")
        try:
            text = csv_file.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(str(exc))
        if now:
            from glossary.jobs import import_glossary_csv

            result = import_glossary_csv(glossary_id, text, replace=replace)
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in result.items()))
            return
        job = enqueue("glossary", "glossary.jobs.import_glossary_csv", glossary_id, text, replace=replace)
        self.stdout.write(f"enqueued {job.id}")
