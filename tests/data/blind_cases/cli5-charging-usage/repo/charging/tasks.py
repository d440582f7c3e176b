import io
import logging
from datetime import date

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from network.models import Site

from . import services
from .reporting import previous_month, site_usage, write_usage_csv

logger = logging.getLogger(__name__)


def statement_body(usage, start, end):
    return "\n".join([
        f"Dear {usage.site.host_name},",
        "",
        f"charging usage at {usage.site.name} ({usage.site.code}) from {start:%d %b %Y} to {end:%d %b %Y}:",
        "",
        f"  charging sessions:   {usage.sessions}",
        f"  energy delivered:    {usage.energy_kwh} kWh",
        f"  reimbursement:       {settings.VOLTPARK['CURRENCY']} {usage.reimbursement} "
        f"({usage.site.reimbursement_per_kwh} per kWh)",
        "",
        "The reimbursement will be transferred within 14 days. The attached CSV has the same figures.",
        "VoltPark Operations",
    ])


@shared_task
def send_monthly_site_statements(as_of=None):
    """On the 1st: one usage statement per host for the previous month."""
    today = date.fromisoformat(as_of) if isinstance(as_of, str) else (as_of or timezone.localdate())
    start, end = previous_month(today)
    sent = 0
    for site in Site.objects.filter(active=True).exclude(host_email=""):
        rows = site_usage(start, end, site=site)
        if not rows:
            logger.info("no sessions at %s in %s..%s, no statement", site.code, start, end)
            continue
        usage = rows[0]
        attachment = io.StringIO()
        write_usage_csv(rows, attachment)
        message = EmailMessage(
            subject=f"VoltPark usage statement {start:%B %Y} - {site.code}",
            body=statement_body(usage, start, end),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[site.host_email],
            cc=settings.VOLTPARK["STATEMENT_CC"],
        )
        message.attach(f"voltpark_{site.code}_{start:%Y-%m}.csv", attachment.getvalue(), "text/csv")
        message.send()
        sent += 1
    logger.info("sent %d site statement(s) for %s..%s", sent, start, end)
    return sent


@shared_task
def close_stale_sessions():
    return len(services.close_stale_sessions())
