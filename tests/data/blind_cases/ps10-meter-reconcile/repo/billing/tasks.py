import logging
from datetime import date, timedelta
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from gridbill.spark import get_session
from metering.readings import load_readings

from .models import BillingPeriod
from .reconciliation import PeriodReconciler

logger = logging.getLogger(__name__)


@shared_task(name="billing.close_due_periods")
def close_due_periods():
    """Close every open period whose last day is over (in the company's local time)."""
    today = timezone.localdate()
    closed = BillingPeriod.objects.filter(status=BillingPeriod.Status.OPEN, end__lt=today).update(
        status=BillingPeriod.Status.CLOSED, closed_at=timezone.now()
    )
    logger.info("closed %d billing periods that ended before %s", closed, today)
    return closed


@shared_task(name="billing.reconcile_billing_periods")
def reconcile_billing_periods(cycle_end=None):
    """Reconcile the closed periods that ended on or before ``cycle_end`` (ISO date, default yesterday).

    Runs on the ``spark`` queue: the worker keeps its SparkSession between tasks.
    """
    cycle_end = date.fromisoformat(cycle_end) if cycle_end else timezone.localdate() - timedelta(days=1)
    periods = list(BillingPeriod.objects.due_for_reconciliation(cycle_end).select_related("meter"))
    if not periods:
        logger.info("no billing periods to reconcile up to %s", cycle_end)
        return 0
    spark = get_session("reconcile-billing")
    readings = load_readings(spark, settings.METERING["READINGS_PATH"])
    reconciler = PeriodReconciler(
        spark, readings, tolerance_kwh=Decimal(settings.BILLING["RECONCILE_TOLERANCE_KWH"])
    )
    results = reconciler.run(periods)
    logger.info("reconciled %d billing periods up to %s", len(results), cycle_end)
    return len(results)
