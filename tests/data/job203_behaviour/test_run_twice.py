"""Acceptance test for the JOB203 forms (tests/data/forms/job203): each job runs twice in one process, as a
long-running scheduler runs it, with the data changed in between. The second run must see the change."""
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from ops.models import Holiday, Outbox, Rate, Reading, Target, Threshold

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 3, 2)


def _bodies(channel):
    return list(Outbox.objects.filter(channel=channel).order_by("pk").values_list("body", flat=True))


def test_p01_second_run_sees_the_new_url():
    from ops.forms.p01_beat_class_attr import push_targets

    target = Target.objects.create(code="a", url="https://one")
    push_targets()
    Target.objects.filter(pk=target.pk).update(url="https://two")
    push_targets()
    assert _bodies("push") == ["a https://one", "a https://two"]


def test_p02_second_run_sees_the_raised_threshold():
    from ops.forms.p02_class_dict_per_key import check_thresholds

    Threshold.objects.create(name="temp", value=10)
    Reading.objects.create(name="temp", value=15)
    check_thresholds()
    Threshold.objects.filter(name="temp").update(value=20)
    check_thresholds()
    assert _bodies("alert") == ["temp"]


def test_p03_second_run_routes_to_the_new_url():
    from ops.forms.p03_class_cache_in_helper import route_orders

    Target.objects.create(code="north", url="https://old")
    route_orders(codes=("north",))
    Target.objects.filter(code="north").update(url="https://new")
    route_orders(codes=("north",))
    assert _bodies("route") == ["https://old", "https://new"]


def test_p04_second_run_sees_the_new_holiday():
    from ops.forms.p04_apscheduler_module_instance import open_shifts

    open_shifts(today=MONDAY)
    Holiday.objects.create(day=MONDAY)
    open_shifts(today=MONDAY)
    assert _bodies("shifts") == [MONDAY.isoformat()]


def test_p05_second_run_uses_the_new_rate():
    from ops.forms.p05_lru_cache_beat import price_check

    Rate.objects.create(currency="USD", value=Decimal("2"))
    price_check(amount=100)
    Rate.objects.filter(currency="USD").update(value=Decimal("3"))
    price_check(amount=100)
    assert [Decimal(b.split()[1]) for b in _bodies("price")] == [Decimal("200"), Decimal("300")]


def test_p06_second_run_sees_the_new_holiday():
    from ops.forms.p06_apscheduler_add_job import send_holiday_notice

    send_holiday_notice(today=MONDAY)
    Holiday.objects.create(day=MONDAY)
    send_holiday_notice(today=MONDAY)
    assert _bodies("notice") == [MONDAY.isoformat()]


def test_p07_second_loop_run_sees_the_raised_limit():
    Threshold.objects.create(name="load", value=10)
    Reading.objects.create(name="load", value=15)
    call_command("p07_run_alerts", "--once")
    Threshold.objects.filter(name="load").update(value=20)
    call_command("p07_run_alerts", "--once")
    assert _bodies("limit") == ["load"]


def test_p09_second_run_announces_the_new_target():
    from ops.forms.p09_registry_lru_cache import announce_targets

    Target.objects.create(code="a", url="https://a")
    announce_targets()
    Target.objects.create(code="b", url="https://b")
    announce_targets()
    assert _bodies("targets") == ["a", "a,b"]
