from django.core.management.base import BaseCommand

from memory.models import Document
from wordhouse.queues import enqueue


class Command(BaseCommand):
    help = "Enqueue pre-translation for uploaded documents (cron, every 5 minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--client", help="only documents of this client code")
        parser.add_argument("--limit", type=int, default=500)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, client=None, limit=500, dry_run=False, **options):
        pending = Document.objects.filter(status=Document.Status.UPLOADED).order_by("uploaded_at")
        if client:
            pending = pending.filter(client__code=client)
        ids = list(pending.values_list("id", flat=True)[:limit])
        for document_id in ids:
            if dry_run:
                self.stdout.write(f"would enqueue document {document_id}")
                continue
            enqueue("pretranslate", "memory.jobs.pretranslate_document", document_id,
                    job_id=f"pretranslate-{document_id}")
        if not dry_run and ids:
            # Keep the next cron tick from enqueueing the same documents again.
            Document.objects.filter(id__in=ids, status=Document.Status.UPLOADED).update(
                status=Document.Status.ANALYZING
            )
        self.stdout.write(f"{len(ids)} document(s) {'pending' if dry_run else 'enqueued'}")
