"""CRM background tasks."""
import csv
import io
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from urllib.error import URLError

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from depot.celery import app

from .client import enrich, geocode, mailbox_exists, push_contact
from .legacy import LEGACY_QUERY, parse_row
from .models import Contact, ContactExport

logger = logging.getLogger(__name__)


@shared_task(max_retries=4, default_retry_delay=60)
def sync_contact(contact_id):
    """Push one contact to the hosted CRM."""
    contact = Contact.objects.get(pk=contact_id)
    try:
        push_contact(contact)
    except (ConnectionError, TimeoutError) as exc:
        logger.warning("CRM push of contact %s failed: %s", contact.pk, exc)
        raise self.retry(exc=exc)  # noqa: F821
    contact.synced_at = timezone.now()
    contact.save(update_fields=["synced_at"])
    return contact.pk


@app.task(bind=True, max_retries=5, default_retry_delay=300)
def enrich_contact(self, contact_id):
    """Fill in the contact's company from the CRM's enrichment API."""
    contact = Contact.objects.get(pk=contact_id)
    try:
        data = enrich(contact.email)
    except TimeoutError as exc:
        logger.warning("enrichment timed out for contact %s", contact.pk)
        self.retry(exc=exc)
    contact.company = data["company"]
    contact.save(update_fields=["company"])
    return contact.company


@shared_task
def geocode_contact(contact_id):
    """Store the coordinates of the contact's city."""
    contact = Contact.objects.get(pk=contact_id)
    try:
        point = geocode(contact.city)
    except URLError:
        logger.warning("geocoder unreachable for contact %s", contact.pk)
        return None
    contact.lat, contact.lng = point["lat"], point["lng"]
    contact.save(update_fields=["lat", "lng"])
    return contact.lat, contact.lng


@shared_task(autoretry_for=(Exception,))
def export_contacts():
    """CSV of every contact for the finance team."""
    out = io.StringIO()
    writer = csv.writer(out)
    rows = Contact.objects.order_by("email").values_list("email", "name", "company", "orders_count")
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    export = ContactExport.objects.create(csv=out.getvalue(), rows=count)
    return export.pk


@shared_task
def import_legacy_contacts(path=None):
    """Copy customers from the old CRM's SQLite export."""
    conn = sqlite3.connect(path or settings.LEGACY_CRM_DB)
    rows = conn.execute(LEGACY_QUERY).fetchall()
    conn.close()
    imported = 0
    for row in rows:
        data = parse_row(row)
        Contact.objects.update_or_create(
            email=data["email"], defaults={"name": data["name"], "orders_count": data["orders_count"]}
        )
        imported += 1
    logger.info("imported %d legacy contacts", imported)
    return imported


@shared_task
def recompute_scores():
    """Nightly: a contact's score is its order count, doubled for enriched companies."""
    updated = 0
    for contact in Contact.objects.all():
        score = contact.orders_count * (2 if contact.company else 1)
        if score != contact.score:
            contact.score = score
            contact.save(update_fields=["score"])
            updated += 1
    logger.info("rescored %d contacts", updated)
    return updated


def _verify_mailbox(contact_id):
    contact = Contact.objects.get(pk=contact_id)
    contact.mailbox_ok = mailbox_exists(contact.email)
    contact.save(update_fields=["mailbox_ok"])
    return contact.mailbox_ok


@shared_task
def verify_mailboxes(contact_ids):
    """Check the contacts' mailboxes, a few lookups at a time."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(_verify_mailbox, contact_ids))
    logger.info("verified %d mailboxes, %d bounce", len(results), results.count(False))
    return results.count(True)
