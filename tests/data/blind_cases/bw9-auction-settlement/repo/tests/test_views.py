import pytest

from catalogue.models import Sale


@pytest.fixture
def open_sale(make_sale):
    from datetime import timedelta

    from django.utils import timezone

    return make_sale("LIVE24", status=Sale.Status.OPEN, closes_at=timezone.now() + timedelta(hours=3))


@pytest.mark.django_db
def test_bid_must_respect_the_increment(client, open_sale, consignor, bidders):
    from catalogue.models import Lot

    Lot.objects.create(sale=open_sale, number=3, title="Brass lamp", consignor=consignor, low_estimate=80)
    url = "/api/sales/LIVE24/lots/3/bids/"

    first = client.post(url, {"paddle": 101, "amount": "80"}, content_type="application/json")
    assert first.status_code == 201 and first.json()["next_bid"] == "85"
    low = client.post(url, {"paddle": 102, "amount": "82"}, content_type="application/json")
    assert low.status_code == 409
    ok = client.post(url, {"paddle": 102, "amount": "85"}, content_type="application/json")
    assert ok.status_code == 201

    detail = client.get("/api/sales/LIVE24/lots/3/").json()
    assert detail["current_bid"] == "85" and detail["bids"] == 2


@pytest.mark.django_db
def test_blocked_paddle_cannot_bid(client, open_sale, consignor, bidders):
    from catalogue.models import Lot

    bidders[104].blocked = True
    bidders[104].save()
    Lot.objects.create(sale=open_sale, number=1, title="Rug", consignor=consignor)
    resp = client.post("/api/sales/LIVE24/lots/1/bids/", {"paddle": 104, "amount": "50"},
                       content_type="application/json")
    assert resp.status_code == 403
