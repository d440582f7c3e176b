import time

from django.core.management.base import BaseCommand

from depot.polling import due_reminders, mark_sent


class Command(BaseCommand):
    help = "Send due reminders every minute (the queries live in depot.polling)"

    def handle(self, *args, **options):
        while True:
            reminders = due_reminders()
            mark_sent(reminders)
            time.sleep(60)
