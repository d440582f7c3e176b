"""Acceptance tests: `bbank units receive` with a drive file row whose donor code
is not in the donor register rejects and reports that row and still receives
every other unit in the file."""
from datetime import date

import pytest
from click.testing import CliRunner

from donors.models import Donor, Site
from inventory.cli import cli
from inventory.models import Unit

HEADER = "din,donor_code,abo,rh,component,volume_ml,collected_at\n"


@pytest.fixture
def setup(db, tmp_path):
    site = Site.objects.create(code="MOB2", name="Mobile unit 2", mobile=True)
    for code, abo, rh in [("D-100001", "O", "-"), ("D-100002", "A", "+"), ("D-100004", "B", "+")]:
        Donor.objects.create(code=code, first_name="X", last_name="Y", date_of_birth=date(1980, 1, 1), abo=abo, rh=rh)

    def write(*lines):
        path = tmp_path / "drive.csv"
        path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
        return str(path)

    return site, write


def receive(path):
    return CliRunner().invoke(cli, ["units", "receive", path, "--site", "MOB2"])


def assert_no_crash(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "DoesNotExist" not in result.output


@pytest.mark.django_db
def test_unknown_donor_row_is_reported_and_rest_of_file_received(setup):
    site, write = setup
    path = write(
        "W0361 24 000101,D-100001,O,NEG,RBC,280,2024-05-14T10:20:00",
        "W0361 24 000102,D-177777,O,POS,RBC,290,2024-05-14T10:31:00",
        "W0361 24 000103,D-100002,A,POS,FFP,250,2024-05-14T10:41:00",
        "W0361 24 000104,D-100004,B,POS,PLT,200,2024-05-14T11:02:00",
    )
    result = receive(path)

    assert_no_crash(result)
    assert sorted(Unit.objects.values_list("din", flat=True)) == [
        "W0361 24 000101", "W0361 24 000103", "W0361 24 000104"]
    assert "D-177777" in result.output


@pytest.mark.django_db
def test_unknown_donor_as_first_row_and_blank_lines(setup):
    site, write = setup
    path = write(
        "W0361 24 000201,D-999999,O,NEG,RBC,280,2024-05-14T10:20:00",
        "",
        "W0361 24 000202,D-100001,O,NEG,RBC,300,2024-05-14T10:25:00",
        "",
    )
    result = receive(path)

    assert_no_crash(result)
    assert list(Unit.objects.values_list("din", flat=True)) == ["W0361 24 000202"]
    assert "D-999999" in result.output


@pytest.mark.django_db
def test_rerun_after_donor_registered_receives_the_missing_unit(setup):
    site, write = setup
    path = write(
        "W0361 24 000301,D-100001,O,NEG,RBC,280,2024-05-14T10:20:00",
        "W0361 24 000302,D-188888,AB,NEG,RBC,280,2024-05-14T10:40:00",
    )
    assert_no_crash(receive(path))
    Donor.objects.create(code="D-188888", first_name="Walk", last_name="In", date_of_birth=date(1990, 6, 1))

    result = receive(path)

    assert result.exit_code == 0, result.output
    assert Unit.objects.count() == 2
    assert Unit.objects.get(din="W0361 24 000302").donor.code == "D-188888"


@pytest.mark.django_db
def test_all_good_file_still_exits_cleanly(setup):
    site, write = setup
    result = receive(write("W0361 24 000401,D-100002,A,POS,RBC,280,2024-05-14T10:20:00"))
    assert result.exit_code == 0, result.output
    assert Unit.objects.filter(din="W0361 24 000401", site=site).exists()
