"""Acceptance: `release_stale_reservations --dry-run` lists but releases nothing."""
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product, Warehouse
from inventory.models import Reservation, StockLevel
from inventory.reservations import reserve


@pytest.fixture
def held(db):
    dub = Warehouse.objects.create(code="DUB", name="Dublin")
    toaster = Product.objects.create(sku="TOA-07", name="Toaster")
    StockLevel.objects.create(warehouse=dub, product=toaster, on_hand=10)
    past = timezone.now() - timedelta(hours=80)
    reserve(dub, toaster, "SO-1", 2, now=past)
    reserve(dub, toaster, "SO-2", 4, now=past)
    return dub


def assert_untouched(dub):
    assert Reservation.objects.filter(released_at__isnull=False).count() == 0
    assert StockLevel.objects.get(warehouse=dub).reserved == 6


@pytest.mark.django_db
def test_dry_run_flag_releases_nothing(held):
    out = StringIO()
    call_command("release_stale_reservations", "--warehouse", "DUB", "--older-than-hours", "72", "--dry-run",
                 stdout=out)
    assert_untouched(held)
    assert "SO-1" in out.getvalue() and "SO-2" in out.getvalue()
    assert "would release 2" in out.getvalue()


@pytest.mark.django_db
def test_dry_run_keyword_releases_nothing(held):
    call_command("release_stale_reservations", dry_run=True, stdout=StringIO())
    assert_untouched(held)


@pytest.mark.django_db
def test_real_run_after_dry_run_releases(held):
    call_command("release_stale_reservations", "--dry-run", stdout=StringIO())
    out = StringIO()
    call_command("release_stale_reservations", stdout=out)
    assert "released 2 reservation(s), 6 unit(s)" in out.getvalue()
    assert StockLevel.objects.get(warehouse=held).reserved == 0
