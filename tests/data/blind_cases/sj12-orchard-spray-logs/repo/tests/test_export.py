import csv
import io
import zipfile

import pytest

from orchards.models import Farm
from spraylogs.export import WeeklySprayLogExport
from spraylogs.jobs import submit_weekly_spray_logs
from spraylogs.models import Submission
from spraylogs.regulator import RegulatorError

from .conftest import TODAY, WEEK, local


def read_csv(zf, name):
    return list(csv.DictReader(io.StringIO(zf.read(name).decode("utf-8"))))


class DownPortal:
    def upload_spray_log(self, archive_path, site_id, week_start):
        raise RegulatorError("portal returned HTTP 503 for POST /spray-logs")


@pytest.mark.django_db
def test_weekly_job_uploads_last_weeks_records(farm, spray, portal):
    spray(local(2024, 5, 6, 6, 30))
    spray(local(2024, 5, 12, 19, 45), target_pest="apple scab")
    spray(local(2024, 5, 13, 0, 15))   # belongs to the next week
    spray(local(2024, 5, 5, 23, 50))   # previous week

    counts = submit_weekly_spray_logs(today=TODAY)

    assert counts == {"submitted": 1, "failed": 0, "skipped": 0}
    [upload] = portal.uploads
    assert upload["site_id"] == "BC-PU-55012" and upload["week_start"] == WEEK
    assert upload["name"] == "BC-PU-55012_20240506.zip"
    with zipfile.ZipFile(io.BytesIO(upload["content"])) as zf:
        assert sorted(zf.namelist()) == ["applications.csv", "applicators.csv", "manifest.csv", "products.csv"]
        rows = read_csv(zf, "applications.csv")
        assert [(r["date"], r["time"], r["target_pest"]) for r in rows] == [
            ("2024-05-06", "06:30", "codling moth"), ("2024-05-12", "19:45", "apple scab")]
        assert rows[0]["total_product"] == "1.00800"
        assert read_csv(zf, "manifest.csv")[0]["records"] == "2"
        assert [p["pcp_no"] for p in read_csv(zf, "products.csv")] == ["28532"]

    sub = Submission.objects.get(farm=farm, week_start=WEEK)
    assert sub.status == Submission.Status.SUBMITTED
    assert sub.receipt_no == "MEM-00001" and sub.record_count == 2 and len(sub.archive_sha256) == 64


@pytest.mark.django_db
def test_farm_without_spraying_files_nil_return(farm, portal):
    submit_weekly_spray_logs(today=TODAY)
    [upload] = portal.uploads
    with zipfile.ZipFile(io.BytesIO(upload["content"])) as zf:
        assert read_csv(zf, "applications.csv") == []
        assert read_csv(zf, "manifest.csv")[0]["records"] == "0"


@pytest.mark.django_db
def test_filed_week_is_not_uploaded_again(farm, spray, portal):
    spray(local(2024, 5, 8, 7, 0))
    submit_weekly_spray_logs(today=TODAY)
    counts = submit_weekly_spray_logs(today=TODAY)
    assert counts == {"submitted": 0, "failed": 0, "skipped": 1}
    assert len(portal.uploads) == 1


@pytest.mark.django_db
def test_inactive_farms_are_left_out(farm, portal):
    Farm.objects.create(code="CAW02", name="Cawston Flats", grower="R. Olsen", regulator_site_id="BC-PU-55020",
                        active=False)
    submit_weekly_spray_logs(today=TODAY)
    assert [u["site_id"] for u in portal.uploads] == ["BC-PU-55012"]


@pytest.mark.django_db
def test_portal_outage_is_recorded_and_retried(farm, spray, portal):
    spray(local(2024, 5, 9, 5, 45))
    sub = WeeklySprayLogExport(client=DownPortal()).submit_farm(farm, WEEK)
    assert sub.status == Submission.Status.FAILED
    assert "503" in sub.error and sub.attempts == 1
    assert portal.uploads == []

    from spraylogs.jobs import retry_failed_spray_logs
    assert retry_failed_spray_logs(today=TODAY) == {"submitted": 1, "failed": 0}
    sub.refresh_from_db()
    assert sub.status == Submission.Status.SUBMITTED and sub.attempts == 2 and sub.error == ""
    assert len(portal.uploads) == 1
