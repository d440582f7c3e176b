from django.conf import settings

from depot.models import Customer


def write_customer_feed():
    with open(settings.EXPORT_DIR / "customers.txt", "w", encoding="utf-8") as fh:
        for customer in Customer.objects.filter(active=True):
            fh.write(customer.email + "\n")
