"""Read the CSV statement export of the co-op's bank account."""
import csv
import logging
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction

from .matching import match_transaction, normalize_iban
from .models import BankTransaction

logger = logging.getLogger(__name__)

COLUMNS = ("transaction_id", "booking_date", "amount", "currency", "counterparty", "counterparty_iban",
           "description")


class FeedError(Exception):
    pass


def parse_amount(text):
    # The export uses a decimal comma and sometimes a thousands dot: "1.250,00"
    cleaned = text.strip().replace(".", "").replace(",", ".") if "," in text else text.strip()
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation as exc:
        raise FeedError(f"bad amount {text!r}") from exc


def read_statement(fileobj):
    reader = csv.DictReader(fileobj, delimiter=";")
    missing = set(COLUMNS) - set(reader.fieldnames or ())
    if missing:
        raise FeedError(f"statement is missing columns: {', '.join(sorted(missing))}")
    for lineno, row in enumerate(reader, start=2):
        try:
            booked_on = datetime.strptime(row["booking_date"].strip(), "%Y-%m-%d").date()
        except ValueError as exc:
            raise FeedError(f"line {lineno}: bad booking date {row['booking_date']!r}") from exc
        yield {
            "bank_id": row["transaction_id"].strip(),
            "booked_on": booked_on,
            "amount": parse_amount(row["amount"]),
            "currency": (row["currency"] or "EUR").strip().upper(),
            "counterparty_name": row["counterparty"].strip()[:140],
            "counterparty_iban": normalize_iban(row["counterparty_iban"]),
            "remittance_info": row["description"].strip()[:140],
        }


def import_statement(fileobj):
    """Store new lines of a statement and match them. Returns the ids of matched transactions.

    Lines already imported (same bank transaction id) are skipped, so overlapping exports are fine.
    """
    matched = []
    created_count = 0
    for data in read_statement(fileobj):
        bank_id = data.pop("bank_id")
        with transaction.atomic():
            txn, created = BankTransaction.objects.get_or_create(bank_id=bank_id, defaults=data)
            if not created:
                continue
            created_count += 1
            match_transaction(txn)
            txn.save()
        if txn.status == BankTransaction.Status.MATCHED:
            matched.append(txn.pk)
    logger.info("bank statement: %d new line(s), %d matched", created_count, len(matched))
    return matched
