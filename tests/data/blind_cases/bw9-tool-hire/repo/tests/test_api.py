import json
from datetime import timedelta

import pytest
from django.utils import timezone

from billing.models import Invoice
from hire.models import Rental

from .conftest import london


def _post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


@pytest.mark.django_db(transaction=True)
def test_book_pick_up_and_check_in_through_the_api(client, branch, tools, customer, queued):
    start = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    resp = _post(client, "/api/branches/leeds/rentals/", {
        "customer_id": customer.pk,
        "tools": [{"sku": "LAD", "quantity": 2}],
        "pickup_at": start.isoformat(),
        "due_at": (start + timedelta(days=1)).isoformat(),
    })
    assert resp.status_code == 201, resp.content
    rental_id = resp.json()["id"]
    assert resp.json()["deposit_held"] == "80.00"

    resp = _post(client, f"/api/rentals/{rental_id}/pickup/", {"at": start.isoformat()})
    assert resp.json()["status"] == "out"

    resp = _post(client, f"/api/rentals/{rental_id}/checkin/", {
        "clerk": "sam", "returned_at": (start + timedelta(hours=20)).isoformat()})
    assert resp.status_code == 200, resp.content
    assert resp.json()["status"] == "returned"

    queued.run_all()
    detail = client.get(f"/api/rentals/{rental_id}/").json()
    assert detail["status"] == "settled"
    assert detail["invoice"]["refund_due"] == "80.00"


@pytest.mark.django_db
def test_checkin_of_a_rental_that_is_not_out_is_refused(client, make_rental, queued):
    rental = make_rental()
    Rental.objects.filter(pk=rental.pk).update(status=Rental.Status.BOOKED)
    resp = _post(client, f"/api/rentals/{rental.pk}/checkin/", {"clerk": "sam"})
    assert resp.status_code == 409
    assert not Invoice.objects.exists()


@pytest.mark.django_db
def test_checkin_needs_a_clerk_and_valid_damage(client, make_rental, queued):
    rental = make_rental()
    assert _post(client, f"/api/rentals/{rental.pk}/checkin/", {}).status_code == 400
    resp = _post(client, f"/api/rentals/{rental.pk}/checkin/",
                 {"clerk": "sam", "damage": [{"line_id": "x", "fee": "5"}]})
    assert resp.status_code == 400


@pytest.mark.django_db
def test_return_quote_lists_late_days(client, make_rental):
    rental = make_rental([("SAW", 1)])
    at = london(2024, 5, 15, 10, 0)
    resp = client.get(f"/api/rentals/{rental.pk}/return-quote/", {"at": at.isoformat()})
    assert resp.status_code == 200
    data = resp.json()
    assert data["late_fees"] == [{"day": "2024-05-14", "fee": "24.00"}, {"day": "2024-05-15", "fee": "24.00"}]
    assert data["refund_estimate"] == "32.00"
