import csv
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from billing.models import Reconciliation
from billing.usage import TariffUsageSummary
from jobs.reconcile_billing import parse_args

from .conftest import make_period


def test_tariff_usage(spark, readings):
    rows = TariffUsageSummary(spark, readings).by_tariff({"E10BG00417": "STD-24", "E10BG00588": "STD-24"})
    by_key = {(t, m): (meters, kwh) for t, m, meters, kwh in rows}
    assert set(by_key) == {("STD-24", "2024-02"), ("STD-24", "2024-03"), ("STD-24", "2024-04")}
    assert by_key[("STD-24", "2024-02")] == (2, 238.0 + 336.0)


def test_export_reconciliation_only_mismatches(meters, tmp_path):
    feb = make_period(meters["E10BG00417"], date(2024, 2, 1), date(2024, 2, 29), "240", status="reconciled")
    mar = make_period(meters["E10BG00417"], date(2024, 3, 1), date(2024, 3, 31), "270", status="reconciled")
    Reconciliation.objects.create(period=feb, measured_kwh=Decimal("240"), difference_kwh=Decimal("0"),
                                  readings=29, outcome=Reconciliation.Outcome.MATCHED)
    Reconciliation.objects.create(period=mar, measured_kwh=Decimal("255"), difference_kwh=Decimal("15"),
                                  readings=31, outcome=Reconciliation.Outcome.OVER_BILLED)
    out = tmp_path / "rec.csv"
    call_command("export_reconciliation", str(out), "--from", "2024-02-01", "--to", "2024-03-31",
                 "--only-mismatches")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["account_number"], r["outcome"]) for r in rows] == [("ACC1001", "over_billed")]


def test_export_reconciliation_rejects_reversed_range(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("export_reconciliation", str(tmp_path / "x.csv"), "--from", "2024-03-01", "--to", "2024-02-01")


def test_reconcile_script_arguments():
    args = parse_args(["--readings", "s3a://lake/readings/*", "--cycle-end", "2024-03-31",
                       "--account", "ACC1001", "--account", "ACC1002", "--dry-run"])
    assert args.cycle_end == date(2024, 3, 31)
    assert args.accounts == ["ACC1001", "ACC1002"]
    assert args.tolerance_kwh == Decimal("0.5")
    assert args.dry_run is True
