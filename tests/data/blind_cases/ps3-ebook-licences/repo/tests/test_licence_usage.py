from datetime import date

import pytest
from pyspark.sql import Row

from catalog.licence_sync import apply_checkout_counts, refresh_usage
from catalog.models import Licence, LicenceCheckoutDay, Title
from lending.jobs.events import load_loan_events
from lending.jobs.licence_usage import daily_checkouts

DAY = date(2026, 11, 3)


def test_daily_checkouts(spark, events_path):
    rows = {r.licence_id: r for r in daily_checkouts(load_loan_events(spark, events_path), DAY).collect()}
    assert {k: r.checkouts for k, r in rows.items()} == {501: 2, 502: 1, 503: 1}
    assert rows[501].day == DAY


@pytest.fixture
def licence(db):
    title = Title.objects.create(isbn="9780000000011", title="The Salt Road")
    return Licence.objects.create(title=title, distributor="OverDrive", max_checkouts=26, checkouts_used=0)


@pytest.mark.django_db(transaction=True)
def test_apply_checkout_counts_is_rerunnable(licence):
    rows = [Row(licence_id=licence.pk, day=DAY, checkouts=3)]
    apply_checkout_counts(iter(rows))
    apply_checkout_counts(iter(rows))
    licence.refresh_from_db()
    assert licence.checkouts_used == 3
    assert LicenceCheckoutDay.objects.get().checkouts == 3


def test_refresh_usage_retires_exhausted_licence(licence):
    LicenceCheckoutDay.objects.create(licence=licence, day=date(2026, 10, 1), checkouts=20)
    LicenceCheckoutDay.objects.create(licence=licence, day=date(2026, 10, 2), checkouts=6)
    assert refresh_usage([licence.pk]) == 1
    licence.refresh_from_db()
    assert licence.status == Licence.Status.EXHAUSTED
    assert licence.checkouts_left == 0
