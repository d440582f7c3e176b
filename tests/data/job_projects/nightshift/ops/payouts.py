"""Vendor payouts (celery beat, hourly)."""
from celery import shared_task

from ops import bank
from ops.models import Payout


@shared_task
def pay_approved_vendors():
    for payout in Payout.objects.filter(approved=True, paid_out=False):
        bank.transfer(payout.vendor, payout.amount_cents)
        payout.paid_out = True
        payout.save(update_fields=["paid_out"])
