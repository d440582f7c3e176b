"""Acceptance test for the nightly licence usage job: the day's checkouts are stored per licence and summed into
checkouts_used, and metered licences that reach their limit are retired. Spark runs with local[1]."""
import json
import os
import sys
from datetime import date, datetime, timezone as dt_timezone
from io import StringIO

import pytest
from django.core.management import call_command

from catalog.models import Licence, LicenceCheckoutDay, Title

DAY = date(2026, 11, 4)


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("licence-usage-acceptance")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.python.worker.reuse", "false")
        .getOrCreate()
    )
    session.conf.set("spark.sql.session.timeZone", "UTC")
    session.conf.set("spark.sql.shuffle.partitions", "1")
    return session


def write_events(root, events):
    day_dir = root / "loan_events" / DAY.isoformat()
    day_dir.mkdir(parents=True)
    base = int(datetime(2026, 11, 4, 16, 0, tzinfo=dt_timezone.utc).timestamp() * 1000)
    lines = []
    for i, (event, loan_id, licence_id) in enumerate(events):
        lines.append(json.dumps({"event": event, "event_id": f"e{i}", "loan_id": loan_id, "licence_id": licence_id,
                                 "title_id": 1, "branch": "CEN", "format": "ebook", "patron": f"p{i}",
                                 "ts_ms": base + i * 60000, "app_version": "5.3.0"}))
    (day_dir / "part-00000.json").write_text("\n".join(lines) + "\n")


@pytest.mark.django_db(transaction=True)
def test_licence_usage_is_stored_and_exhausted_licences_retired(spark, tmp_path):
    title = Title.objects.create(isbn="9780000000035", title="Winter Orchard")
    metered = Licence.objects.create(title=title, distributor="OverDrive", max_checkouts=26)
    LicenceCheckoutDay.objects.create(licence=metered, day=date(2026, 10, 20), checkouts=25)
    Licence.objects.filter(pk=metered.pk).update(checkouts_used=25)
    perpetual = Licence.objects.create(title=title, distributor="Baker & Taylor")
    untouched = Licence.objects.create(title=title, distributor="OverDrive", max_checkouts=26, checkouts_used=4)

    write_events(tmp_path, [
        ("checkout", "L1", metered.pk),
        ("checkout", "L2", metered.pk),
        ("renew", "L0", metered.pk),
        ("checkout", "L3", perpetual.pk),
        ("return", "L4", untouched.pk),
    ])
    call_command("run_lending_jobs", "--date", DAY.isoformat(), "--lake", str(tmp_path), "--only", "licences",
                 stdout=StringIO())

    days = {(d.licence_id, d.day): d.checkouts for d in LicenceCheckoutDay.objects.all()}
    assert days == {(metered.pk, date(2026, 10, 20)): 25, (metered.pk, DAY): 2, (perpetual.pk, DAY): 1}
    metered.refresh_from_db()
    perpetual.refresh_from_db()
    untouched.refresh_from_db()
    assert metered.checkouts_used == 27
    assert metered.status == Licence.Status.EXHAUSTED
    assert metered.retired_at is not None
    assert perpetual.checkouts_used == 1
    assert perpetual.status == Licence.Status.ACTIVE
    assert untouched.checkouts_used == 4
    assert untouched.status == Licence.Status.ACTIVE
