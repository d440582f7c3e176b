from shop import reports
from shop.tasks import email_totals


def nightly_totals():
    email_totals.delay(reports.totals_by_customer())
