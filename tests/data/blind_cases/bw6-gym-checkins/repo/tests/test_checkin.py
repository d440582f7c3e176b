import json
from datetime import timedelta

import pytest
from django.utils import timezone

from access.models import CheckIn
from access.services import EntryRefused, check_in
from members.models import Member

pytestmark = pytest.mark.django_db


def test_door_scan_opens_for_active_member(client, gyms, make_member):
    member = make_member()
    resp = client.post("/api/gyms/rino/scans/", data=json.dumps({"card_no": member.card_no}),
                       content_type="application/json")
    assert resp.status_code == 201
    assert resp.json()["open"] is True
    assert CheckIn.objects.filter(member=member, gym=gyms["rino"]).count() == 1


def test_double_tap_is_not_a_new_checkin(gyms, make_member):
    member = make_member()
    now = timezone.now()
    first, created = check_in(card_no=member.card_no, gym=gyms["rino"], at=now)
    again, created_again = check_in(card_no=member.card_no, gym=gyms["rino"], at=now + timedelta(seconds=20))
    assert created and not created_again
    assert first.pk == again.pk


def test_punch_card_uses_one_punch_per_day(gyms, make_member):
    member = make_member(plan=Member.Plan.PUNCH)
    now = timezone.now()
    check_in(card_no=member.card_no, gym=gyms["rino"], at=now)
    check_in(card_no=member.card_no, gym=gyms["rino"], door="bouldering", at=now + timedelta(minutes=5))
    member.refresh_from_db()
    assert member.punches_left == 9


def test_frozen_and_unknown_cards_are_refused(client, gyms, make_member):
    frozen = make_member(status=Member.Status.FROZEN)
    with pytest.raises(EntryRefused, match="frozen"):
        check_in(card_no=frozen.card_no, gym=gyms["rino"])
    resp = client.post("/api/gyms/rino/scans/", data=json.dumps({"card_no": "NOPE"}),
                       content_type="application/json")
    assert resp.status_code == 403
    assert resp.json() == {"open": False, "reason": "unknown card"}


def test_import_door_log(tmp_path, gyms, make_member, capsys):
    from django.core.management import call_command

    member = make_member()
    log = tmp_path / "door.csv"
    log.write_text(
        "card_no,scanned_at,door\n"
        f"{member.card_no},2024-03-02T01:15:00Z,main\n"
        "UNKNOWN,2024-03-02T01:16:00Z,main\n"
        f"{member.card_no},2024-03-02T01:20:00Z,bouldering\n"
    )
    call_command("import_door_log", str(log), "--gym", "golden")
    assert "imported 2 scans for golden, skipped 1" in capsys.readouterr().out
    assert CheckIn.objects.filter(gym=gyms["golden"]).count() == 2
