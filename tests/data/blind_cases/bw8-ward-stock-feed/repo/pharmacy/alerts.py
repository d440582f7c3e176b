"""Low-stock alerts for ward pharmacists (best effort: a mail outage must not stop the stock sync)."""
import logging
from smtplib import SMTPException

from django.core.mail import send_mail

from .models import LowStockAlert, StockLevel

logger = logging.getLogger(__name__)


def below_par_levels(ward):
    return [s for s in StockLevel.objects.filter(ward=ward).select_related("drug") if s.below_par]


def open_alert_exists(level):
    return LowStockAlert.objects.filter(ward=level.ward, drug=level.drug, quantity__lte=level.quantity).exists()


def format_alert(ward, levels):
    rows = [f"  {lvl.drug.name} ({lvl.drug.code}): {lvl.quantity} {lvl.drug.unit}, par {lvl.par_level}"
            for lvl in levels]
    return f"The following items on ward {ward.code} ({ward.name}) are below par:\n\n" + "\n".join(rows) + "\n"


def raise_low_stock_alerts(ward):
    """Record an alert for every newly below-par item and mail the ward pharmacist; return the new alerts."""
    new = [lvl for lvl in below_par_levels(ward) if not open_alert_exists(lvl)]
    if not new:
        return []
    alerts = [LowStockAlert.objects.create(ward=ward, drug=lvl.drug, quantity=lvl.quantity, par_level=lvl.par_level)
              for lvl in new]
    if not ward.pharmacist_email:
        return alerts
    try:
        send_mail(
            subject=f"[Ward {ward.code}] {len(new)} item(s) below par",
            message=format_alert(ward, new),
            from_email=None,
            recipient_list=[ward.pharmacist_email],
        )
    except (SMTPException, OSError) as exc:
        # the alert rows stay visible in the admin; the next sync tries to mail again
        logger.error("could not mail low-stock alert for ward %s: %s", ward.code, exc)
        return alerts
    LowStockAlert.objects.filter(pk__in=[a.pk for a in alerts]).update(emailed=True)
    return alerts
