from datetime import date, timedelta

from django.utils import timezone

from billing.models import BillingPeriod, Reconciliation
from billing.tasks import close_due_periods, reconcile_billing_periods

from .conftest import make_period


def test_close_due_periods_closes_only_finished_periods(meters):
    today = timezone.localdate()
    finished = make_period(meters["E10BG00417"], today - timedelta(days=40), today - timedelta(days=10), "1",
                           status="open")
    running = make_period(meters["E10BG00588"], today - timedelta(days=5), today + timedelta(days=25), "1",
                          status="open")

    assert close_due_periods.delay().get() == 1
    finished.refresh_from_db()
    running.refresh_from_db()
    assert finished.status == BillingPeriod.Status.CLOSED and finished.closed_at is not None
    assert running.status == BillingPeriod.Status.OPEN


def test_reconcile_task_stops_at_cycle_end(spark, closed_periods):
    assert reconcile_billing_periods.delay(cycle_end="2024-02-29").get() == 3

    reconciled = Reconciliation.objects.values_list("period__start", flat=True)
    assert set(reconciled) == {date(2024, 2, 1)}
    assert BillingPeriod.objects.filter(status=BillingPeriod.Status.CLOSED).count() == 3


def test_reconcile_task_with_nothing_due(db):
    assert reconcile_billing_periods.delay(cycle_end="2024-02-29").get() == 0
