from depot.models import Customer, Invoice


def invoice_all(period):
    for customer in Customer.objects.filter(active=True):
        Invoice.objects.create(customer=customer, period=period)
