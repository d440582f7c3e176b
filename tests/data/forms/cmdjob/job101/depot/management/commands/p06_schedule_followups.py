from django.utils import timezone

from depot.models import Customer, Reminder
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "schedule followups (run from cron: manage.py p06_schedule_followups)"

    def handle(self, *args, **options):
        now = timezone.now()
        for customer in Customer.objects.filter(active=True):
            reminder, created = Reminder.objects.get_or_create(customer=customer, due_at=now)
            if created:
                self.stdout.write(f"scheduled {customer.email}")
