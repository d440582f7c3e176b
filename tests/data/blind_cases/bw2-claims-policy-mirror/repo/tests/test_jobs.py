import csv
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims.models import Claim
from claims.tasks import check_policy_mirror, write_bordereau


@pytest.mark.django_db
def test_mirror_check_reports_stale_export(mirror):
    mirror.add_policy("HP-1", start=date.today() - timedelta(days=10))
    stats = check_policy_mirror.apply().get()
    assert stats["policies"] == 1
    assert stats["stale"] is True
    mirror.add_policy("HP-2", start=date.today())
    assert check_policy_mirror.apply().get()["stale"] is False


@pytest.mark.django_db
def test_bordereau_lists_the_weeks_claims(tmp_path, settings):
    settings.BORDEREAU_DIR = tmp_path / "bx"
    monday = date(2026, 3, 2)
    Claim.objects.create(number="CL-A", policy_number="MT-1", loss_type="motor", peril="collision",
                         loss_date=monday, claimant_name="A",
                         reported_at=timezone.make_aware(timezone.datetime(2026, 3, 3, 10, 0)))
    Claim.objects.create(number="CL-B", policy_number="MT-2", loss_type="motor", peril="theft",
                         loss_date=monday, claimant_name="B",
                         reported_at=timezone.make_aware(timezone.datetime(2026, 3, 12, 10, 0)))
    result = write_bordereau.apply(args=["2026-03-02"]).get()
    assert result["rows"] == 1
    with open(result["path"], newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["claim_number"] for r in rows] == ["CL-A"]


@pytest.mark.django_db
def test_lookup_policy_command(mirror, capsys):
    mirror.add_policy("MT-777", product="MOTOR-COMP", coverages=[("collision", 2_000_000, 30_000)])
    call_command("lookup_policy", "mt-777")
    out = capsys.readouterr().out
    assert "MOTOR-COMP" in out
    assert "collision" in out


@pytest.mark.django_db
def test_intake_api_creates_claim_and_snapshots_it(client, mirror, adjusters, django_capture_on_commit_callbacks):
    mirror.add_policy("MT-777", coverages=[("collision", 2_000_000, 30_000)])
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/api/claims/", data=json.dumps({
            "policy_number": "mt-777", "loss_type": "motor", "peril": "collision",
            "loss_date": (date.today() - timedelta(days=1)).isoformat(), "claimant_name": "R. Patel",
            "estimated_amount": "1850.00",
        }), content_type="application/json")
    assert resp.status_code == 201, resp.content
    number = resp.json()["number"]
    detail = client.get(f"/api/claims/{number}/").json()
    assert detail["status"] == "coverage_confirmed"
    assert detail["adjuster"] == "t.reed@claimwise.example"
