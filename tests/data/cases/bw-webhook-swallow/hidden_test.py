"""Acceptance tests: a temporarily unreachable endpoint is retried (Celery
retries run inline via Task.apply) and the delivery only fails after retries."""
from urllib.error import URLError

import pytest

from hooks.models import Delivery, Endpoint
from hooks.tasks import deliver_webhook


class FlakyReceiver:
    failures = 0
    calls = 0
    accepted = []

    def post(self, url, body, headers):
        FlakyReceiver.calls += 1
        if FlakyReceiver.calls <= FlakyReceiver.failures:
            raise URLError(ConnectionRefusedError(111, "Connection refused"))
        FlakyReceiver.accepted.append(body)
        return 204


@pytest.fixture
def receiver(settings):
    FlakyReceiver.failures, FlakyReceiver.calls, FlakyReceiver.accepted = 0, 0, []
    settings.HOOKS_TRANSPORT = f"{__name__}.FlakyReceiver"
    return FlakyReceiver


@pytest.fixture
def delivery(db):
    ep = Endpoint.objects.create(name="wh", url="https://wh.example/hooks", secret="k", events="*")
    return Delivery.objects.create(endpoint=ep, event="order.paid", payload={"number": "SW-7"})


def run(delivery):
    deliver_webhook.apply(args=[delivery.pk], throw=False)
    delivery.refresh_from_db()
    return delivery


@pytest.mark.django_db
def test_endpoint_down_briefly_is_retried_and_delivered_once(receiver, delivery):
    receiver.failures = 2
    delivery = run(delivery)
    assert receiver.calls == 3, f"expected 2 retries, endpoint was called {receiver.calls}x"
    assert len(receiver.accepted) == 1
    assert delivery.status == Delivery.Status.DELIVERED
    assert delivery.response_code == 204


@pytest.mark.django_db
def test_one_connection_error_does_not_fail_the_delivery(receiver, delivery):
    receiver.failures = 1
    delivery = run(delivery)
    assert delivery.status == Delivery.Status.DELIVERED


@pytest.mark.django_db
def test_endpoint_down_for_good_fails_after_the_retries(receiver, delivery):
    receiver.failures = 10_000
    delivery = run(delivery)
    assert 1 < receiver.calls <= 20, f"endpoint was called {receiver.calls}x"
    assert receiver.accepted == []
    assert delivery.status != Delivery.Status.DELIVERED
