import time

from django import db
from django.core.management.base import BaseCommand

from depot.polling import due_reminders, mark_sent


class Command(BaseCommand):
    help = "Send due reminders; all connections closed after each round"

    def handle(self, *args, **options):
        while True:
            mark_sent(due_reminders())
            db.connections.close_all()
            time.sleep(60)
