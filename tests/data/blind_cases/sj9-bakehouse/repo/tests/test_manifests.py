from datetime import date, time

import pytest
from django.core import mail

from production.jobs import build_tomorrows_sheet, send_route_manifests
from production.models import ProductionSheet

from .conftest import london

DAY = date(2024, 4, 9)


@pytest.mark.django_db
def test_each_driver_gets_their_drops_in_stop_order(make_customer, standing):
    standing(make_customer("ANCH", stop=2, address="1 Anchor Rd\nBristol"), "SOUR-800", DAY.weekday(), 6)
    standing(make_customer("BELL", stop=1, drop_notes="key safe 4411"), "BAG-STD", DAY.weekday(), 10)
    standing(make_customer("COVE", route="S"), "CROI-BUT", DAY.weekday(), 1)
    build_tomorrows_sheet(now=london(date(2024, 4, 8), 20, 30))

    assert send_route_manifests(now=london(DAY, 4, 15)) == 2

    north, south = mail.outbox
    assert north.to == ["sam@crumbline.example"] and south.to == ["priya@crumbline.example"]
    assert north.subject == "Round N Tue 09 Apr: 2 drops"
    body = north.body
    assert body.index("BELL") < body.index("ANCH")
    assert "NOTE: key safe 4411" in body and "1 Anchor Rd Bristol" in body and "6 loaves SOUR-800" in body
    assert "1 piece CROI-BUT" in south.body
    assert ProductionSheet.objects.get(day=DAY).status == ProductionSheet.Status.LOCKED


@pytest.mark.django_db
def test_manifests_are_sent_once(make_customer, standing):
    standing(make_customer("ANCH"), "SOUR-800", DAY.weekday(), 6)
    build_tomorrows_sheet(now=london(date(2024, 4, 8), 20, 30))

    send_route_manifests(now=london(DAY, 4, 15))
    assert send_route_manifests(now=london(DAY, 4, 20)) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_no_sheet_no_manifests(routes):
    assert send_route_manifests(now=london(DAY, 4, 15)) == 0
    assert mail.outbox == []


def test_london_helper_is_bst_aware():
    assert london(DAY, 4, 15).time() == time(3, 15)
