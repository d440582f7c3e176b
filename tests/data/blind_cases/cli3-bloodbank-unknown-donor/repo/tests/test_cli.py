from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from inventory.cli import cli
from inventory.models import Unit
from inventory.stock import release_tested


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args))


@pytest.mark.django_db
def test_receive_drive_file(run, site, donors, drive_file):
    path = drive_file(
        "W0361 24 000101,D-100001,O,NEG,RBC,280,2024-05-14T10:20:00",
        "W0361 24 000102,D-100002,A,POS,FFP,250,2024-05-14T10:41:00",
        "",
    )
    result = run("units", "receive", str(path), "--site", "mob2")
    assert result.exit_code == 0, result.output
    assert "received 2 unit(s) (0 on hold), 0 already received, 0 rejected" in result.output
    assert Unit.objects.filter(site=site, status=Unit.Status.QUARANTINE).count() == 2


@pytest.mark.django_db
def test_receive_reports_bad_rows(run, site, donors, drive_file):
    path = drive_file(
        "W0361 24 000101,D-100001,O,NEG,RBC,280,2024-05-14T10:20:00",
        "W0361 24 000102,D-100002,A,POS,RBC,,2024-05-14T10:41:00",
    )
    result = run("units", "receive", str(path), "--site", "MOB2")
    assert result.exit_code == 1
    assert "line 3: rejected: bad volume ''" in result.output
    assert Unit.objects.count() == 1


@pytest.mark.django_db
def test_receive_unknown_site(run, drive_file):
    result = run("units", "receive", str(drive_file()), "--site", "XX9")
    assert result.exit_code == 1
    assert "unknown site 'XX9'" in result.output


@pytest.mark.django_db
def test_discard_and_issue(run, site, donors, hospital, drive_file):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    run("units", "receive", str(drive_file(
        f"W0361 24 000101,D-100001,O,NEG,RBC,280,{yesterday}T10:20:00",
        f"W0361 24 000102,D-100002,A,POS,RBC,300,{yesterday}T10:41:00",
    )), "--site", "MOB2")
    release_tested(["W0361 24 000101", "W0361 24 000102"])

    assert run("units", "discard", "W0361 24 000102", "--reason", "bag leak").exit_code == 0
    result = run("issue", "STMARY", "W0361 24 000101", "W0361 24 000102")
    assert result.exit_code == 1 and "not available" in result.output
    result = run("issue", "stmary", "W0361 24 000101")
    assert result.exit_code == 0, result.output
    assert Unit.objects.get(din="W0361 24 000101").status == Unit.Status.ISSUED


@pytest.mark.django_db
def test_unknown_codes_are_clean_errors(run, donors):
    result = run("units", "discard", "W0361 24 999999", "--reason", "x")
    assert result.exit_code == 1 and "no unit with DIN" in result.output
    result = run("donors", "defer", "D-999999", "--reason", "travel")
    assert result.exit_code == 1 and "no donor with code" in result.output
    result = run("donors", "defer", "D-100001", "--reason", "travel", "--until", "2030-01-01")
    assert result.exit_code == 0 and "deferred until 2030-01-01" in result.output
