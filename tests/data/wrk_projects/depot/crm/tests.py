"""Tests of the CRM app: every task, run the way the workers and the commands run it."""
import sqlite3
from contextlib import closing
from io import StringIO

import pytest
from django.core.management import call_command

from crm.client import LocmemBackend
from crm.models import Contact, ContactExport
from crm.tasks import (
    enrich_contact,
    export_contacts,
    geocode_contact,
    import_legacy_contacts,
    recompute_scores,
    sync_contact,
    verify_mailboxes,
)


@pytest.fixture(autouse=True)
def crm_outbox():
    LocmemBackend.pushed.clear()
    yield LocmemBackend.pushed
    LocmemBackend.pushed.clear()


@pytest.fixture
def contact(db):
    return Contact.objects.create(email="ada@example.com", name="Ada", city="London", orders_count=3)


@pytest.fixture
def legacy_db(tmp_path):
    path = tmp_path / "legacy_crm.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE customers (email TEXT, full_name TEXT, orders INTEGER, deleted INTEGER)")
        conn.executemany(
            "INSERT INTO customers VALUES (?, ?, ?, ?)",
            [(" Grace@Example.com", "Grace Hopper", 7, 0), ("old@example.org", "Gone", 1, 1)],
        )
        conn.commit()
    return path


@pytest.mark.django_db
def test_sync_pushes_the_contact(contact, crm_outbox):
    assert sync_contact(contact.pk) == contact.pk
    contact.refresh_from_db()
    assert contact.synced_at is not None
    assert crm_outbox == [{"email": "ada@example.com", "name": "Ada", "company": ""}]


@pytest.mark.django_db
def test_sync_runs_from_the_queue(contact, crm_outbox):
    sync_contact.delay(contact.pk).get()
    assert len(crm_outbox) == 1


@pytest.mark.django_db
def test_enrichment_fills_the_company(contact):
    assert enrich_contact.delay(contact.pk).get() == "Example Ltd"
    contact.refresh_from_db()
    assert contact.company == "Example Ltd"


@pytest.mark.django_db
def test_geocoding_stores_the_city(contact):
    assert geocode_contact(contact.pk) == (51.507, -0.128)
    assert Contact.objects.get(pk=contact.pk).lat == 51.507


@pytest.mark.django_db
def test_legacy_import_creates_contacts(legacy_db):
    assert import_legacy_contacts(str(legacy_db)) == 1
    grace = Contact.objects.get(email="grace@example.com")
    assert (grace.name, grace.orders_count) == ("Grace Hopper", 7)


@pytest.mark.django_db
def test_scores_follow_orders(contact):
    Contact.objects.create(email="bo@example.org", orders_count=2, company="Acme", score=4)
    assert recompute_scores() == 1
    assert Contact.objects.get(pk=contact.pk).score == 3


@pytest.mark.django_db
def test_export_lists_every_contact(contact):
    export = ContactExport.objects.get(pk=export_contacts.delay().get())
    assert export.rows == 1
    assert "ada@example.com,Ada" in export.csv


@pytest.mark.django_db(transaction=True)
def test_mailbox_verification_marks_bounces():
    ok = Contact.objects.create(email="ada@example.com")
    bad = Contact.objects.create(email="bounce@example.com")
    assert verify_mailboxes([ok.pk, bad.pk]) == 1
    assert Contact.objects.get(pk=bad.pk).mailbox_ok is False
    assert Contact.objects.get(pk=ok.pk).mailbox_ok is True


@pytest.mark.django_db
def test_import_command_reports_the_count(legacy_db):
    out = StringIO()
    call_command("import_legacy_contacts", str(legacy_db), stdout=out)
    assert "1 contacts imported" in out.getvalue()
    assert Contact.objects.filter(email="grace@example.com").exists()
