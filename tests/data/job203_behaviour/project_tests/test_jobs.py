"""The ops project's own tests of its scheduled jobs (each runs the job once)."""
import pytest

from ops.forms.p01_beat_class_attr import push_targets
from ops.forms.p05_lru_cache_beat import price_check
from ops.models import Outbox, Rate, Target


@pytest.mark.django_db
def test_push_targets_sends_one_message_per_target():
    Target.objects.create(code="a", url="https://a")
    Target.objects.create(code="b", url="https://b")
    push_targets()
    assert Outbox.objects.filter(channel="push").count() == 2


@pytest.mark.django_db
def test_price_check_prices_every_currency():
    Rate.objects.create(currency="USD", value="1.1")
    price_check(amount=10)
    assert Outbox.objects.filter(channel="price").count() == 1
