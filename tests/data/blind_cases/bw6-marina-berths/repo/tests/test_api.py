import json
from datetime import timedelta

import pytest
from django.core.management import call_command

from berths.models import Stay

pytestmark = pytest.mark.django_db(databases="__all__")


def _post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def test_book_and_cancel_through_the_api(client, berths, make_boat, today):
    boat = make_boat()
    resp = _post(client, f"/api/boats/{boat.pk}/stays/", {
        "arrival": (today + timedelta(days=7)).isoformat(),
        "departure": (today + timedelta(days=9)).isoformat(),
    })
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["berth"] == "M-01" and body["nights"] == 2

    resp = _post(client, f"/api/stays/{body['id']}/cancel/", {"reason": "engine trouble"})
    assert resp.status_code == 200
    assert Stay.objects.get(pk=body["id"]).cancel_reason == "engine trouble"


def test_full_marina_answers_409_with_waitlist_hint(client, berths, make_boat, today):
    catamaran = make_boat("Catalina", kind="multihull", length="11.9")
    other = make_boat("Twee Pieken", kind="multihull", length="12.6")
    dates = {"arrival": (today + timedelta(days=2)).isoformat(), "departure": (today + timedelta(days=4)).isoformat()}
    assert _post(client, f"/api/boats/{catamaran.pk}/stays/", dates).status_code == 201
    resp = _post(client, f"/api/boats/{other.pk}/stays/", dates)
    assert resp.status_code == 409
    assert resp.json()["waitlist"] is True


def test_availability(client, berths, make_boat, today):
    start = today + timedelta(days=30)
    _post(client, f"/api/boats/{make_boat().pk}/stays/",
          {"arrival": start.isoformat(), "departure": (start + timedelta(days=1)).isoformat()})
    resp = client.get("/api/berths/availability/", {"from": start.isoformat(),
                                                   "to": (start + timedelta(days=2)).isoformat()})
    free = resp.json()["free_berths"]
    assert free[start.isoformat()]["medium"] == 1
    assert free[(start + timedelta(days=1)).isoformat()]["medium"] == 2


def test_import_phone_bookings(tmp_path, berths, make_boat, today, capsys):
    boat = make_boat()
    csv_file = tmp_path / "office.csv"
    csv_file.write_text(
        "boat_id,arrival,departure,special_requests\n"
        f"{boat.pk},{today + timedelta(days=3)},{today + timedelta(days=5)},needs a 32 A plug\n"
        f"999,{today + timedelta(days=3)},{today + timedelta(days=5)},\n"
    )
    call_command("import_phone_bookings", str(csv_file))
    out = capsys.readouterr()
    assert "booked 1 stays, 1 failed" in out.out
    assert Stay.objects.get().source == Stay.Source.PHONE


def test_berth_plan(berths, make_boat, today, capsys):
    from berths.services import StayBooker, StayRequest

    StayBooker().book(StayRequest(make_boat(needs_shore_power=True), today, today + timedelta(days=1)))
    call_command("berth_plan", "--date", today.isoformat())
    out = capsys.readouterr().out
    assert "M-01     Zeemeeuw [POWER] (leaves tomorrow)" in out
    assert "1 visiting boats" in out
