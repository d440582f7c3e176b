import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from . import pricing
from .models import Rental

logger = logging.getLogger(__name__)


def _when(instant):
    return timezone.localtime(instant).strftime("%a %d %b %Y, %H:%M")


@shared_task(ignore_result=True)
def send_booking_confirmation(rental_id, reference, customer_email, branch_name, pickup_at, due_at,
                              hire_paid, deposit_held, tools):
    body = "\n".join([
        f"Thanks for booking with {branch_name}.",
        "",
        *tools,
        "",
        f"Pick up:  {_when(pickup_at)}",
        f"Return by: {_when(due_at)}",
        f"Hire paid: £{hire_paid}   Deposit held: £{deposit_held}",
        "",
        f"Your booking reference is {reference.hex[:8].upper()}.",
    ])
    send_mail(f"Your hire booking {reference.hex[:8].upper()}", body, settings.DEFAULT_FROM_EMAIL,
              [customer_email])
    logger.info("booking confirmation for rental %s sent to %s", rental_id, customer_email)


@dataclass(frozen=True)
class OverdueNotice:
    rental_id: int
    customer_email: str
    customer_name: str
    due_at: datetime
    days_late: int
    accrued: Decimal

    @classmethod
    def for_rental(cls, rental, now):
        fees = pricing.late_day_charges(rental, now)
        return cls(
            rental_id=rental.pk,
            customer_email=rental.customer.email,
            customer_name=rental.customer.name,
            due_at=rental.due_at,
            days_late=len(fees),
            accrued=pricing.money(sum(fees.values(), Decimal("0"))),
        )


@shared_task(ignore_result=True)
def send_overdue_notice(rental_id, customer_email, customer_name, due_at, days_late, accrued):
    body = (
        f"Hello {customer_name},\n\n"
        f"your hire was due back on {_when(due_at)} and has not been returned yet.\n"
    )
    if days_late:
        body += f"Late fees so far: £{accrued} for {days_late} day(s). They are taken from your deposit.\n"
    else:
        body += "No late fee has been charged yet if you bring it back today.\n"
    send_mail("Your hire is overdue", body, settings.DEFAULT_FROM_EMAIL, [customer_email])
    logger.info("overdue notice for rental %s sent (%s days, %s)", rental_id, days_late, accrued)


@shared_task
def flag_overdue_rentals():
    """Hourly: tell customers once when their hire is overdue."""
    now = timezone.now()
    cutoff = now - timedelta(minutes=settings.LATE_GRACE_MINUTES)
    overdue = (
        Rental.objects.filter(status=Rental.Status.OUT, due_at__lt=cutoff, overdue_notified_at__isnull=True)
        .select_related("customer")
    )
    flagged = 0
    for rental in overdue:
        claimed = Rental.objects.filter(pk=rental.pk, overdue_notified_at__isnull=True).update(
            overdue_notified_at=now)
        if not claimed:
            continue
        flagged += 1
        if rental.customer.email:
            notice = OverdueNotice.for_rental(rental, now)
            send_overdue_notice.apply_async(kwargs=asdict(notice))
    return flagged

