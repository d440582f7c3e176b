from datetime import datetime, time

from django.utils import timezone

from depot.models import Invoice
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "deadline command (run from cron: manage.py p06_deadline_command)"

    def handle(self, *args, **options):
        deadline = timezone.make_aware(datetime.combine(timezone.localdate(), time(18, 0)))
        if timezone.now() > deadline:
            self.stdout.write(f"{Invoice.objects.filter(total=0).count()} invoices missed the deadline")
