"""Acceptance tests: `--send-emails false` (and the other usual spellings of "off") turns the
notification emails off for the brewhouse commands; the work itself still happens, and the
default / `--send-emails true` keeps emailing."""
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from brewhouse.models import Batch
from inventory.models import Ingredient, StockLevel

STABLE = ["1.030", "1.015", "1.0115", "1.011", "1.011", "1.011", "1.011"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["false", "False", "no", "0"])
def test_close_fermentation_send_emails_off(make_batch, value):
    make_batch("DUB-0500", STABLE)
    call_command("close_fermentation", "--send-emails", value, stdout=StringIO())
    assert Batch.objects.get(code="DUB-0500").status == Batch.Status.CONDITIONING
    assert mail.outbox == [], f"--send-emails {value} still sent {len(mail.outbox)} email(s)"


@pytest.mark.django_db
@pytest.mark.parametrize("args", [[], ["--send-emails", "true"], ["--send-emails", "True"]])
def test_close_fermentation_send_emails_on(make_batch, args):
    make_batch("DUB-0501", STABLE)
    call_command("close_fermentation", *args, stdout=StringIO())
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_send_emails_equals_form(make_batch):
    make_batch("DUB-0502", STABLE)
    call_command("close_fermentation", "--send-emails=false", "--site", "DUB", stdout=StringIO())
    assert Batch.objects.get(code="DUB-0502").status == Batch.Status.CONDITIONING
    assert mail.outbox == []


@pytest.mark.django_db
def test_flag_low_stock_send_emails_false(dublin):
    malt = Ingredient.objects.create(name="Maris Otter", kind="malt", reorder_level_kg=Decimal("500"))
    StockLevel.objects.create(site=dublin, ingredient=malt, quantity_kg=Decimal("120"), counted_at=timezone.now())
    call_command("flag_low_stock", "--send-emails", "false", stdout=StringIO())
    assert mail.outbox == []
    assert StockLevel.objects.get(ingredient=malt).flagged_at is not None


@pytest.mark.django_db
def test_archive_batches_send_emails_false(make_batch):
    batch = make_batch("DUB-0100", ["1.050", "1.012"])
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.PACKAGED,
                                             packaged_at=timezone.now() - timedelta(days=400))
    call_command("archive_batches", "--older-than", "180", "--send-emails", "false", stdout=StringIO())
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.ARCHIVED
    assert mail.outbox == []


@pytest.mark.django_db
def test_keyword_send_emails_false(make_batch):
    make_batch("DUB-0503", STABLE)
    call_command("close_fermentation", send_emails=False, stdout=StringIO())
    assert mail.outbox == []
