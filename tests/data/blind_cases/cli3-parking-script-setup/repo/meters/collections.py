"""Counting-room CSV import.

The counting room sends one CSV per night: one line per canister emptied on the
collection round, `meter,collected_on,canister,coins,card` with amounts in
pounds ("12.40"). Card takings come from the payment provider and are only
present for meters that accept cards.
"""
import csv
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from .models import Collection, Meter

EXPECTED_HEADER = ["meter", "collected_on", "canister", "coins", "card"]


def pounds_to_pence(text):
    text = (text or "").strip().lstrip("£")
    if not text:
        return 0
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"bad amount {text!r}") from None
    if value < 0:
        raise ValueError(f"negative amount {text!r}")
    return int((value * 100).to_integral_value())


@dataclass
class ImportResult:
    created: int = 0
    duplicates: int = 0
    errors: list = field(default_factory=list)
    coins_pence: int = 0
    card_pence: int = 0


class CollectionImporter:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self._meters = {}

    def meter(self, number):
        number = number.strip().upper()
        if number not in self._meters:
            self._meters[number] = Meter.objects.filter(number=number).first()
        return self._meters[number]

    def import_file(self, fh):
        reader = csv.reader(fh)
        header = [h.strip().lower() for h in next(reader, [])]
        if header != EXPECTED_HEADER:
            raise ValueError(f"unexpected header {header}, expected {EXPECTED_HEADER}")
        result = ImportResult()
        for line_no, row in enumerate(reader, start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            try:
                self._import_row(row, result)
            except ValueError as exc:
                result.errors.append(f"line {line_no}: {exc}")
        return result

    def _import_row(self, row, result):
        if len(row) != len(EXPECTED_HEADER):
            raise ValueError(f"expected {len(EXPECTED_HEADER)} fields, got {len(row)}")
        number, collected_on, canister, coins, card = (cell.strip() for cell in row)
        meter = self.meter(number)
        if meter is None:
            raise ValueError(f"unknown meter {number!r}")
        try:
            day = date.fromisoformat(collected_on)
        except ValueError:
            raise ValueError(f"bad date {collected_on!r}") from None
        coins_pence = pounds_to_pence(coins)
        card_pence = pounds_to_pence(card)
        if card_pence and not meter.accepts_card:
            raise ValueError(f"card takings for coin-only meter {meter.number}")
        if self.dry_run:
            exists = Collection.objects.filter(meter=meter, collected_on=day, canister=canister).exists()
            if exists:
                result.duplicates += 1
                return
        else:
            try:
                with transaction.atomic():
                    Collection.objects.create(meter=meter, collected_on=day, canister=canister,
                                              coins_pence=coins_pence, card_pence=card_pence)
            except IntegrityError:
                result.duplicates += 1
                return
        result.created += 1
        result.coins_pence += coins_pence
        result.card_pence += card_pence
