from django.core.management.base import BaseCommand

from hooks.models import Delivery
from hooks.tasks import deliver_webhook


class Command(BaseCommand):
    help = "Reset failed webhook deliveries to pending and queue them again."

    def add_arguments(self, parser):
        parser.add_argument("--endpoint", type=int, default=None)

    def handle(self, *args, **options):
        qs = Delivery.objects.filter(status=Delivery.Status.FAILED)
        if options["endpoint"]:
            qs = qs.filter(endpoint_id=options["endpoint"])
        ids = list(qs.values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.PENDING)
        for delivery_id in ids:
            deliver_webhook.delay(delivery_id)
        self.stdout.write(f"requeued {len(ids)} deliveries")
