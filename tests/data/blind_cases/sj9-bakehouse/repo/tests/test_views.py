import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from production.models import OneOffOrder
from production.planning import build_sheet


def post(client, **payload):
    return client.post("/api/orders/", data=json.dumps(payload), content_type="application/json")


def next_weekday(after, weekday):
    day = after + timedelta(days=1)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


@pytest.mark.django_db(transaction=True)
def test_order_is_confirmed_by_email(client, make_customer, products):
    make_customer("ANCH", email="hello@anchor.example")
    day = next_weekday(timezone.localdate() + timedelta(days=2), 2)

    response = post(client, customer="ANCH", sku="SOUR-800", day=day.isoformat(), quantity=6)

    assert response.status_code == 201
    order = OneOffOrder.objects.get()
    assert order.confirmation_sent_at is not None
    assert len(mail.outbox) == 1 and "6 loaves of Sourdough 800g" in mail.outbox[0].body


@pytest.mark.django_db
def test_bad_and_late_orders_are_refused(client, make_customer, products):
    make_customer("ANCH")
    assert post(client, customer="ANCH", sku="NOPE", day="2030-01-07", quantity=1).status_code == 400
    assert post(client, customer="ANCH", sku="BAG-STD", day="2030-01-07", quantity=0).status_code == 400
    yesterday = timezone.localdate() - timedelta(days=1)
    assert post(client, customer="ANCH", sku="BAG-STD", day=yesterday.isoformat(), quantity=3).status_code == 400


@pytest.mark.django_db
def test_no_orders_for_sundays(client, make_customer, products):
    make_customer("ANCH")
    sunday = next_weekday(timezone.localdate() + timedelta(days=2), 6)
    response = post(client, customer="ANCH", sku="BAG-STD", day=sunday.isoformat(), quantity=3)
    assert response.status_code == 409
    assert response.json()["next_delivery_day"] == (sunday + timedelta(days=1)).isoformat()


@pytest.mark.django_db
def test_sheet_csv(client, make_customer, standing):
    standing(make_customer("ANCH"), "CROI-BUT", 1, 130)
    build_sheet(date(2024, 4, 9))
    response = client.get("/api/sheets/2024-04-09.csv")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["sku,product,quantity,batches",
                                                      "CROI-BUT,Butter croissant,130,3"]
    assert client.get("/api/sheets/2024-04-10.csv").status_code == 404
