import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from depot.polling import due_reminders, mark_sent


class Command(BaseCommand):
    help = "Send due reminders every minute (the queries live in depot.polling)"

    def handle(self, *args, **options):
        while True:
            close_old_connections()
            try:
                reminders = due_reminders()
                mark_sent(reminders)
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            time.sleep(60)
