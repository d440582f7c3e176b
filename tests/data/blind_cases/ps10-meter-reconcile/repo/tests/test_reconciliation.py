from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from billing.models import BillingPeriod, Reconciliation
from billing.reconciliation import PeriodReconciler


def test_cycles_group_periods_by_dates():
    p = [SimpleNamespace(start=date(2024, 3, 1), end=date(2024, 3, 31), n=1),
         SimpleNamespace(start=date(2024, 2, 1), end=date(2024, 2, 29), n=2),
         SimpleNamespace(start=date(2024, 3, 1), end=date(2024, 3, 31), n=3)]
    cycles = PeriodReconciler.cycles(p)
    assert [key for key, _ in cycles] == [(date(2024, 2, 1), date(2024, 2, 29)), (date(2024, 3, 1), date(2024, 3, 31))]
    assert [x.n for x in cycles[1][1]] == [1, 3]


def test_outcome_tolerance():
    rec = PeriodReconciler(spark=None, readings=None, tolerance_kwh=Decimal("0.5"))
    assert rec.outcome(Decimal("100.4"), Decimal("100"), 10) == (Decimal("0.400"), Reconciliation.Outcome.MATCHED)
    assert rec.outcome(Decimal("101"), Decimal("100"), 10) == (Decimal("1.000"), Reconciliation.Outcome.OVER_BILLED)
    assert rec.outcome(Decimal("90"), Decimal("100"), 10) == (Decimal("-10.000"), Reconciliation.Outcome.UNDER_BILLED)
    assert rec.outcome(Decimal("90"), None, 0) == (None, Reconciliation.Outcome.NO_DATA)


def test_run_reconciles_every_cycle(spark, readings, closed_periods):
    periods = list(BillingPeriod.objects.select_related("meter"))
    results = PeriodReconciler(spark, readings).run(periods)

    assert len(results) == 6
    got = {(r.period.meter.serial, r.period.start.month): r for r in Reconciliation.objects.select_related("period__meter")}
    assert got[("E10BG00417", 2)].outcome == Reconciliation.Outcome.MATCHED
    assert got[("E10BG00417", 2)].measured_kwh == Decimal("238.000")
    assert got[("E10BG00417", 3)].outcome == Reconciliation.Outcome.OVER_BILLED
    assert got[("E10BG00417", 3)].difference_kwh == Decimal("15.000")
    assert got[("E10BG00588", 3)].outcome == Reconciliation.Outcome.UNDER_BILLED
    assert got[("E10BG00588", 3)].gaps == 1
    assert got[("E10BG00733", 3)].outcome == Reconciliation.Outcome.NO_DATA
    assert got[("E10BG00733", 3)].readings == 0
    assert set(BillingPeriod.objects.values_list("status", flat=True)) == {BillingPeriod.Status.RECONCILED}


def test_dry_run_writes_nothing(spark, readings, closed_periods):
    periods = list(BillingPeriod.objects.filter(start=date(2024, 2, 1)).select_related("meter"))
    results = PeriodReconciler(spark, readings).run(periods, dry_run=True)

    assert {r.outcome for r in results} == {Reconciliation.Outcome.MATCHED, Reconciliation.Outcome.OVER_BILLED}
    assert not Reconciliation.objects.exists()
    assert set(BillingPeriod.objects.values_list("status", flat=True)) == {BillingPeriod.Status.CLOSED}
