"""Acceptance tests: the index task only reaches the broker after the listing
(with its photos) is committed, and never for a listing that was rolled back.
A fake broker records, for every published index message, whether a database
transaction was still open (a real worker cannot see uncommitted rows)."""
from types import SimpleNamespace

import pytest
from django.db import transaction

from listings.models import Agent
from listings.services import ListingError, change_price, publish_listing
from search import tasks as search_tasks
from search.models import ListingDocument

PHOTOS = [{"url": "https://cdn.example/a.jpg", "caption": "Garden"},
          {"url": "https://cdn.example/b.jpg", "caption": "Living room"},
          {"url": "https://cdn.example/c.jpg", "caption": "Bath"}]


class FakeBroker:
    def __init__(self):
        self.messages = []

    def publish(self, args=None, kwargs=None, **options):
        self.messages.append(SimpleNamespace(args=tuple(args or ()), kwargs=dict(kwargs or {}),
                                             open=transaction.get_connection().in_atomic_block))
        return SimpleNamespace(id=f"fake-{len(self.messages)}")

    def ids(self):
        return [int(m.args[0]) if m.args else int(next(iter(m.kwargs.values()))) for m in self.messages]

    def run_worker(self):
        for m in self.messages:
            search_tasks.index_listing.apply(args=m.args, kwargs=m.kwargs, throw=True)


@pytest.fixture
def broker(monkeypatch):
    fake = FakeBroker()
    monkeypatch.setattr(search_tasks.index_listing, "apply_async", fake.publish)
    return fake


@pytest.fixture
def agent(transactional_db):
    return Agent.objects.create(name="Mia Roth", email="mia@roth-immo.example")


@pytest.mark.django_db(transaction=True)
def test_index_message_is_published_after_the_listing_is_committed(broker, agent):
    listing = publish_listing(agent, title="Loft", city="Berlin", price="450000", photos=PHOTOS)
    assert broker.messages, "no index task was queued"
    assert set(broker.ids()) == {listing.pk}
    assert not any(m.open for m in broker.messages), "index task queued while the listing was uncommitted"
    broker.run_worker()
    doc = ListingDocument.objects.get(listing_id=listing.pk)
    assert doc.photo_count == 3
    assert doc.cover_url == "https://cdn.example/a.jpg"


@pytest.mark.django_db(transaction=True)
def test_rejected_publish_queues_no_index_work(broker, agent):
    with pytest.raises(ListingError):
        publish_listing(agent, title="Flat", city="Bonn", price="1", photos=[{"url": "http://x/1.jpg"}])
    assert broker.messages == []


@pytest.mark.django_db(transaction=True)
def test_price_change_is_indexed_after_commit(broker, agent):
    listing = publish_listing(agent, title="Loft", city="Berlin", price="450000", photos=PHOTOS[:1])
    broker.messages.clear()
    change_price(listing.pk, "399000")
    assert broker.messages and not any(m.open for m in broker.messages)
    broker.run_worker()
    assert str(ListingDocument.objects.get(listing_id=listing.pk).price) == "399000.00"
