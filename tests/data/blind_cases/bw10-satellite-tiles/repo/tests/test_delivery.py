import pytest

from delivery.jobs import notify_subscribers
from delivery.matching import matching_subscriptions
from delivery.models import DeliveryNotice, Subscription
from delivery.webhooks import MemorySender
from imagery.models import Scene


def _sub(customer, **kw):
    defaults = dict(webhook_url=f"https://hooks.example/{customer}", min_lon=13.0, min_lat=52.0,
                    max_lon=14.0, max_lat=53.0, max_cloud_cover=0.3)
    defaults.update(kw)
    return Subscription.objects.create(customer=customer, **defaults)


@pytest.mark.django_db
def test_matching_respects_area_clouds_and_platform(make_scene):
    scene = make_scene()
    Scene.objects.filter(pk=scene.pk).update(cloud_cover=0.2, status=Scene.Status.READY)
    scene.refresh_from_db()
    ok = _sub("ok")
    _sub("too-cloudy", max_cloud_cover=0.1)
    _sub("landsat-only", platforms="landsat-8,landsat-9")
    _sub("elsewhere", min_lon=0, min_lat=0, max_lon=1, max_lat=1)
    _sub("inactive", active=False)

    assert matching_subscriptions(scene) == [ok]


@pytest.mark.django_db(transaction=True)
def test_failed_webhook_is_recorded_and_retried(make_scene):
    scene = make_scene()
    Scene.objects.filter(pk=scene.pk).update(cloud_cover=0.2, status=Scene.Status.READY)
    good = _sub("good")
    flaky = _sub("flaky")
    MemorySender.failing = {flaky.webhook_url}

    assert notify_subscribers(scene.pk) == 1
    assert DeliveryNotice.objects.get(subscription=good).status == "sent"
    failed = DeliveryNotice.objects.get(subscription=flaky)
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert "503" in failed.last_error

    MemorySender.failing = set()
    assert notify_subscribers(scene.pk) == 1
    assert DeliveryNotice.objects.get(subscription=flaky).status == "sent"
    assert len(MemorySender.sent) == 2
