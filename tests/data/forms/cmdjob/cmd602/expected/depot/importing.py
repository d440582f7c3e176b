import csv

from depot.models import Customer


def import_customers(path):
    with open(path, newline="", encoding="utf-8") as fh:
        for email, name in csv.reader(fh):
            Customer.objects.update_or_create(email=email, defaults={"name": name})
