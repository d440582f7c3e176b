import logging
import smtplib
from celery import shared_task
from django.core.mail import EmailMessage
from django.db.models import Sum
from django.utils import timezone

from catalog.models import RightsHolder

from .models import RoyaltyPeriod, StatementLine

log = logging.getLogger(__name__)


def render_statement(period, holder):
    lines = StatementLine.objects.filter(period=period, holder=holder).order_by("station")
    rows = [f"{line.station:<10} {line.plays:>7} plays {line.seconds:>9} s {line.amount_cents / 100:>12.2f}"
            for line in lines]
    total = lines.aggregate(total=Sum("amount_cents"))["total"] or 0
    return "\n".join([
        f"Airplay statement {period.label} for {holder.name} ({holder.society_code})",
        "",
        *rows,
        "",
        f"Total: {total / 100:.2f} GBP",
    ])


@shared_task(bind=True, max_retries=5, default_retry_delay=300)
def send_statement(self, period_id, holder_id):
    period = RoyaltyPeriod.objects.get(pk=period_id)
    holder = RightsHolder.objects.get(pk=holder_id)
    if not holder.statement_email:
        log.warning("no statement address for %s, skipped", holder)
        return False
    message = EmailMessage(
        subject=f"Airwave airplay statement {period.label}",
        body=render_statement(period, holder),
        to=[holder.statement_email],
    )
    try:
        message.send()
    except (smtplib.SMTPException, ConnectionError) as exc:
        raise self.retry(exc=exc)
    return True


@shared_task
def send_statements(period_id):
    period = RoyaltyPeriod.objects.get(pk=period_id)
    if period.status != RoyaltyPeriod.CALCULATED:
        raise ValueError(f"period {period} is {period.status}, not calculated")
    holder_ids = list(period.lines.order_by("holder_id").values_list("holder_id", flat=True).distinct())
    for holder_id in holder_ids:
        send_statement.delay(period.pk, holder_id)
    period.status = RoyaltyPeriod.CLOSED
    period.save(update_fields=["status"])
    return len(holder_ids)


@shared_task
def open_next_period():
    """Beat, 1st of every month: make sure the current month has a period."""
    today = timezone.localdate()
    period = RoyaltyPeriod.for_month(today.year, today.month)
    return period.label
