from django.core.mail import send_mail
from django.utils import timezone

from depot.models import Reminder
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "remind command (run from cron: manage.py p06_remind_command)"

    def handle(self, *args, **options):
        for reminder in Reminder.objects.filter(due_at__lte=timezone.now(), sent_at__isnull=True):
            send_mail("Reminder", "Your parcel is waiting.", None, [reminder.customer.email])
            self.stdout.write(f"reminded {reminder.customer.email}")
