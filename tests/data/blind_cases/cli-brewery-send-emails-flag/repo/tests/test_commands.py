from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from brewhouse.models import Batch
from inventory.models import Ingredient, StockLevel

STABLE = ["1.030", "1.015", "1.0115", "1.011", "1.011", "1.011", "1.011"]


@pytest.mark.django_db
def test_close_fermentation_emails_cellar(make_batch):
    make_batch("DUB-0420", STABLE)
    out = StringIO()
    call_command("close_fermentation", stdout=out)
    assert Batch.objects.get(code="DUB-0420").status == Batch.Status.CONDITIONING
    assert len(mail.outbox) == 1
    assert "DUB-0420" in mail.outbox[0].body


@pytest.mark.django_db
def test_close_fermentation_dry_run(make_batch):
    make_batch("DUB-0421", STABLE)
    out = StringIO()
    call_command("close_fermentation", "--dry-run", stdout=out)
    assert "would close DUB-0421" in out.getvalue()
    assert Batch.objects.get(code="DUB-0421").status == Batch.Status.FERMENTING
    assert mail.outbox == []


@pytest.mark.django_db
def test_unknown_site(make_batch):
    with pytest.raises(CommandError, match="unknown site"):
        call_command("close_fermentation", "--site", "GAL", stdout=StringIO())


@pytest.mark.django_db
def test_flag_low_stock(dublin):
    malt = Ingredient.objects.create(name="Maris Otter", kind="malt", reorder_level_kg=Decimal("500"))
    hops = Ingredient.objects.create(name="Citra", kind="hops", reorder_level_kg=Decimal("20"))
    StockLevel.objects.create(site=dublin, ingredient=malt, quantity_kg=Decimal("320"), counted_at=timezone.now())
    StockLevel.objects.create(site=dublin, ingredient=hops, quantity_kg=Decimal("45"), counted_at=timezone.now())
    call_command("flag_low_stock", stdout=StringIO())
    assert len(mail.outbox) == 1
    assert "Maris Otter" in mail.outbox[0].body and "Citra" not in mail.outbox[0].body
    assert StockLevel.objects.get(ingredient=malt).flagged_at is not None
