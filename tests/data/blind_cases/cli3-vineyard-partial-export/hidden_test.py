"""Acceptance tests: an aborted weighbridge export never leaves a partial file
where push_outbox (and accounting) would pick it up, and never damages a
complete export already in the outbox."""
import csv
from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from harvest.models import PriceSchedule, WeighTicket
from vineyard.models import Block, Grower, Variety

ADL = ZoneInfo("Australia/Adelaide")
FILENAME = "weighbridge-2024-03-12.csv"


@pytest.fixture
def dirs(settings, tmp_path):
    settings.EXPORT_OUTBOX = tmp_path / "hx-outbox"
    settings.EXPORT_SENT = tmp_path / "hx-sent"
    settings.ACCOUNTING_SHARE = tmp_path / "hx-share"
    settings.ACCOUNTING_SHARE.mkdir(exist_ok=True)
    return settings


@pytest.fixture
def add_ticket(db):
    shiraz = Variety.objects.create(name="Shiraz", colour="red")
    grenache = Variety.objects.create(name="Grenache", colour="red")
    grower = Grower.objects.create(code="KEL", name="Kelly Family Vineyards")
    PriceSchedule.objects.create(vintage=2024, variety=shiraz, grade="A", price_per_tonne=Decimal("2450.00"))
    PriceSchedule.objects.create(vintage=2024, variety=grenache, grade="A", price_per_tonne=Decimal("2100.00"))
    blocks = {"S1": Block.objects.create(grower=grower, code="S1", variety=shiraz, hectares=Decimal("4.2")),
              "G2": Block.objects.create(grower=grower, code="G2", variety=grenache, hectares=Decimal("2.1"))}

    def _add(number, block, grade="A", hour=8):
        return WeighTicket.objects.create(number=number, block=blocks[block], grade=grade,
                                          weighed_at=datetime(2024, 3, 12, hour, 30, tzinfo=ADL),
                                          gross_kg=20000 + number, tare_kg=9000)
    return _add


def export():
    call_command("export_weighbridge", "--date", "2024-03-12", stdout=StringIO())


def try_export():
    try:
        export()
    except Exception:
        return False
    return True


def ticket_numbers(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return [row["ticket"] for row in csv.DictReader(fh)]


@pytest.mark.django_db
def test_aborted_export_leaves_nothing_for_push_outbox(dirs, add_ticket):
    for n in range(1, 301):
        add_ticket(n, "S1", hour=6 + n % 10)
    add_ticket(301, "G2", grade="C")  # no price for Grenache C -> export must abort

    assert try_export() is False

    outbox = dirs.EXPORT_OUTBOX
    assert not (outbox / FILENAME).exists()
    out = StringIO()
    call_command("push_outbox", stdout=out)
    assert list(dirs.ACCOUNTING_SHARE.glob("*.csv")) == []
    assert not (dirs.EXPORT_SENT / FILENAME).exists()


@pytest.mark.django_db
def test_failed_rerun_keeps_the_complete_earlier_export(dirs, add_ticket):
    for n in range(1, 41):
        add_ticket(n, "S1")
    export()
    path = dirs.EXPORT_OUTBOX / FILENAME
    before = path.read_bytes()
    assert len(ticket_numbers(path)) == 40

    add_ticket(41, "S1")
    add_ticket(42, "G2", grade="C")  # late ticket without a price
    assert try_export() is False

    assert path.read_bytes() == before
    call_command("push_outbox", stdout=StringIO())
    assert ticket_numbers(dirs.ACCOUNTING_SHARE / FILENAME) == [str(n) for n in range(1, 41)]


@pytest.mark.django_db
def test_successful_export_is_complete_and_pushed(dirs, add_ticket):
    for n in range(1, 26):
        add_ticket(n, "S1" if n % 2 else "G2")
    export()
    call_command("push_outbox", stdout=StringIO())

    assert ticket_numbers(dirs.ACCOUNTING_SHARE / FILENAME) == [str(n) for n in range(1, 26)]
    assert not list(dirs.EXPORT_OUTBOX.glob("*.csv"))


@pytest.mark.django_db
def test_fixed_price_then_rerun_replaces_the_export(dirs, add_ticket):
    for n in range(1, 11):
        add_ticket(n, "S1")
    add_ticket(11, "G2", grade="C")
    assert try_export() is False

    PriceSchedule.objects.create(vintage=2024, variety=Variety.objects.get(name="Grenache"), grade="C",
                                 price_per_tonne=Decimal("900.00"))
    export()

    assert ticket_numbers(dirs.EXPORT_OUTBOX / FILENAME) == [str(n) for n in range(1, 12)]
    assert [p.name for p in dirs.EXPORT_OUTBOX.glob("*.csv")] == [FILENAME]
