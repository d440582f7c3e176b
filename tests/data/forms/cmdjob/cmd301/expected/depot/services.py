import json

from depot.models import Customer, Reminder
from django.db import transaction


class ReminderImporter:
    """Imports reminders from the CRM's JSON document."""

    def __init__(self, path):
        self.path = path

    def run(self):
        with open(self.path, encoding="utf-8") as fh:
            document = json.load(fh)
        with transaction.atomic():
            for item in document["reminders"]:
                customer = Customer.objects.get(pk=item["customer"])
                Reminder.objects.create(customer=customer, due_at=item["due"])
