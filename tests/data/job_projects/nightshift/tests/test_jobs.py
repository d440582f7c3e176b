import pytest
from django.core.management import call_command

from ops import jobs, storage, warehouse
from ops.models import JobState, Order, Sku

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_stubs():
    warehouse.PUSHED.clear()
    storage.UPLOADED.clear()


def test_sync_prices_pushes_active_skus():
    Sku.objects.create(code="A", price_cents=100)
    Sku.objects.create(code="B", price_cents=200, active=False)
    jobs.sync_prices()
    assert warehouse.PUSHED == [("price", "A", 100)]


def test_export_skus_uploads_one_file_per_sku():
    Sku.objects.create(code="A", stock=3)
    jobs.export_skus()
    assert storage.UPLOADED == [("exports/skus/A.txt", "3\n")]


def test_close_books_closes_open_periods():
    Order.objects.create(number="1", total_cents=5, period="2024-05")
    call_command("close_books")
    assert Order.objects.get(number="1").closed
    assert not JobState.objects.get(name="close_books").locked
