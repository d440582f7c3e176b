"""Acceptance tests: the weekly spray-log export must not leave files behind in the
server's temp directory, whether the Ministry portal accepts the upload or is down."""
import csv
import io
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from orchards.models import Block, Farm
from spraylogs.jobs import retry_failed_spray_logs, submit_weekly_spray_logs
from spraylogs.models import Applicator, Product, SprayRecord, Submission
from spraylogs.regulator import RegulatorError

PACIFIC = ZoneInfo("America/Vancouver")
WEEK = date(2024, 5, 6)
TODAY = date(2024, 5, 13)


class OutagePortal:
    calls = []

    def upload_spray_log(self, archive_path, site_id, week_start):
        OutagePortal.calls.append((site_id, week_start, Path(archive_path).stat().st_size))
        raise RegulatorError("portal returned HTTP 503 for POST /spray-logs")

    def download_product_register(self):
        raise RegulatorError("portal returned HTTP 503")


class RecordingPortal:
    uploads = []

    def upload_spray_log(self, archive_path, site_id, week_start):
        RecordingPortal.uploads.append((site_id, week_start, Path(archive_path).read_bytes()))
        return f"R-{len(RecordingPortal.uploads)}"

    def download_product_register(self):
        return b""


@pytest.fixture
def scratch_tmp(tmp_path, monkeypatch):
    """Point the process temp dir at an empty folder we can inspect."""
    d = tmp_path / "server-tmp"
    d.mkdir()
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


@pytest.fixture
def portal_down(settings):
    OutagePortal.calls = []
    settings.SPRAYLOG_REGULATOR_CLIENT = f"{__name__}.OutagePortal"
    return OutagePortal.calls


@pytest.fixture
def portal_up(settings):
    RecordingPortal.uploads = []
    settings.SPRAYLOG_REGULATOR_CLIENT = f"{__name__}.RecordingPortal"
    return RecordingPortal.uploads


@pytest.fixture
def farms(db):
    product = Product.objects.create(registration_no="28532", name="Delegate WG", active_ingredient="spinetoram",
                                     phi_days=7)
    applicator = Applicator.objects.create(name="Tomas Ruiz", licence_no="PA-104233",
                                           licence_expires=date(2026, 3, 31))
    result = []
    for i, code in enumerate(["KER01", "CAW02", "OSO03"], start=1):
        farm = Farm.objects.create(code=code, name=f"Farm {code}", grower="Grower", regulator_site_id=f"BC-{i:03d}")
        block = Block.objects.create(farm=farm, name="B1", crop=Block.Crop.APPLE, area_ha=Decimal("1.50"))
        for day in range(i):
            SprayRecord.objects.create(block=block, product=product, applicator=applicator,
                                       applied_at=datetime(2024, 5, 7 + day, 6, 0, tzinfo=PACIFIC),
                                       rate_per_ha=Decimal("0.4"), area_ha=Decimal("1.5"), target_pest="codling moth")
        result.append(farm)
    return result


def leftovers(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.django_db
def test_failed_upload_leaves_nothing_in_temp(scratch_tmp, portal_down, farms):
    submit_weekly_spray_logs(today=TODAY)

    assert len(portal_down) == 3, "every farm's upload should have been attempted"
    assert leftovers(scratch_tmp) == []
    assert set(Submission.objects.values_list("status", flat=True)) == {Submission.Status.FAILED}


@pytest.mark.django_db
def test_retries_during_a_long_outage_do_not_accumulate_files(scratch_tmp, portal_down, farms):
    submit_weekly_spray_logs(today=TODAY)
    for _ in range(6):  # the retry job runs every two hours
        retry_failed_spray_logs(today=TODAY)

    assert len(portal_down) == 3 * 7
    assert leftovers(scratch_tmp) == []
    assert all(s.status == Submission.Status.FAILED for s in Submission.objects.all())


@pytest.mark.django_db
def test_successful_upload_still_files_complete_archives(scratch_tmp, portal_up, farms):
    submit_weekly_spray_logs(today=TODAY)

    assert leftovers(scratch_tmp) == []
    assert sorted(site for site, _, _ in portal_up) == ["BC-001", "BC-002", "BC-003"]
    for site, week_start, content in portal_up:
        assert week_start == WEEK
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            assert {"applications.csv", "products.csv", "applicators.csv"} <= set(zf.namelist())
            rows = list(csv.DictReader(io.StringIO(zf.read("applications.csv").decode("utf-8"))))
            assert len(rows) == int(site[-1])
    for sub in Submission.objects.all():
        assert sub.status == Submission.Status.SUBMITTED and sub.receipt_no


@pytest.mark.django_db
def test_recovery_after_outage_uploads_and_cleans_up(scratch_tmp, settings, portal_down, farms):
    submit_weekly_spray_logs(today=TODAY)
    RecordingPortal.uploads = []
    settings.SPRAYLOG_REGULATOR_CLIENT = f"{__name__}.RecordingPortal"

    retry_failed_spray_logs(today=TODAY)

    assert len(RecordingPortal.uploads) == 3
    assert leftovers(scratch_tmp) == []
    assert all(s.status == Submission.Status.SUBMITTED for s in Submission.objects.all())
