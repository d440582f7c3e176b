from decimal import Decimal

import pytest
from django.core.management import call_command

from hooks.models import Delivery, Endpoint
from hooks.tasks import deliver_webhook
from hooks.transport import RecordingTransport, sign
from shop.models import Order
from shop.services import mark_paid


@pytest.mark.django_db(transaction=True)
def test_paid_order_is_posted_to_subscribed_endpoints(endpoint):
    Endpoint.objects.create(name="crm", url="https://crm.example/h", secret="x", events="customer.created")
    order = Order.objects.create(number="SW-1001", customer_email="a@example.org", total=Decimal("19.90"))
    mark_paid(order)
    assert len(RecordingTransport.sent) == 1
    url, body, headers = RecordingTransport.sent[0]
    assert url == "https://wh.example/hooks"
    assert body == {"event": "order.paid", "data": order.as_payload()}
    assert Delivery.objects.get().status == Delivery.Status.DELIVERED


@pytest.mark.django_db
def test_delivered_webhook_is_not_sent_twice(endpoint):
    d = Delivery.objects.create(endpoint=endpoint, event="order.paid", payload={"n": 1})
    assert deliver_webhook(d.pk) == "delivered"
    assert deliver_webhook(d.pk) == "delivered"
    assert len(RecordingTransport.sent) == 1
    d.refresh_from_db()
    assert d.attempts == 1 and d.response_code == 200


def test_signature_is_hmac_sha256():
    import hashlib
    import hmac
    assert sign("k", b"{}") == hmac.new(b"k", b"{}", hashlib.sha256).hexdigest()


@pytest.mark.django_db
def test_redeliver_failed_command(endpoint):
    d = Delivery.objects.create(endpoint=endpoint, event="order.paid", payload={}, status=Delivery.Status.FAILED)
    call_command("redeliver_failed")
    d.refresh_from_db()
    assert d.status == Delivery.Status.DELIVERED
