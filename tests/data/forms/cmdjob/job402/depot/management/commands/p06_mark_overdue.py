from datetime import datetime

from depot.models import Reminder
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "mark overdue (run from cron: manage.py p06_mark_overdue)"

    def handle(self, *args, **options):
        overdue = Reminder.objects.filter(due_at__lt=datetime.now(), sent_at__isnull=True)
        self.stdout.write(f"{overdue.count()} overdue")
