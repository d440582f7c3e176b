"""Read-only access to the legacy policy mirror.

The PAS export job writes a fresh SQLite file every night (about 2 GB):

    policy(id, policy_number, product, insured_name, effective_from, effective_to, status)
    coverage(id, policy_id, peril, limit_pence, deductible_pence, valid_from, valid_to)

Dates are ISO strings, amounts are integer pence. The file is replaced atomically
(rename) by the export job, so every unit of work opens its own connection.
"""
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

SCHEMA = """
CREATE TABLE policy (
    id INTEGER PRIMARY KEY,
    policy_number TEXT NOT NULL UNIQUE,
    product TEXT NOT NULL,
    insured_name TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE coverage (
    id INTEGER PRIMARY KEY,
    policy_id INTEGER NOT NULL REFERENCES policy(id),
    peril TEXT NOT NULL,
    limit_pence INTEGER,
    deductible_pence INTEGER,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL
);
"""


class MirrorError(Exception):
    """The mirror is missing or its content cannot be used."""


class PolicyNotFound(MirrorError):
    pass


class MirrorDataError(MirrorError):
    pass


@dataclass
class Coverage:
    peril: str
    limit: Decimal | None
    deductible: Decimal | None
    valid_from: date
    valid_to: date


def open_policy_db():
    """A read-only connection to the current mirror file."""
    uri = f"file:{settings.LEGACY_POLICY_DB}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=settings.LEGACY_POLICY_DB_TIMEOUT)
    conn.row_factory = sqlite3.Row
    return conn


def _pence(value):
    return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


def _date(value, what):
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise MirrorDataError(f"bad {what} {value!r} in policy mirror")


def find_policy(conn, policy_number):
    row = conn.execute(
        "SELECT id, policy_number, product, insured_name, effective_from, effective_to, status "
        "FROM policy WHERE policy_number = ?",
        (policy_number.strip().upper(),),
    ).fetchone()
    if row is None:
        raise PolicyNotFound(f"policy {policy_number} is not in the mirror")
    return {
        "id": row["id"],
        "policy_number": row["policy_number"],
        "product": row["product"],
        "insured_name": row["insured_name"],
        "effective_from": _date(row["effective_from"], "effective_from"),
        "effective_to": _date(row["effective_to"], "effective_to"),
        "status": row["status"],
    }


def coverages_on(conn, policy_id, on_date):
    result = []
    for row in conn.execute(
        "SELECT peril, limit_pence, deductible_pence, valid_from, valid_to FROM coverage WHERE policy_id = ?",
        (policy_id,),
    ):
        valid_from = _date(row["valid_from"], "valid_from")
        valid_to = _date(row["valid_to"], "valid_to")
        if valid_from <= on_date <= valid_to:
            result.append(Coverage(row["peril"], _pence(row["limit_pence"]), _pence(row["deductible_pence"]),
                                   valid_from, valid_to))
    return result


def mirror_stats(conn):
    policies = conn.execute("SELECT COUNT(*) FROM policy").fetchone()[0]
    latest = conn.execute("SELECT MAX(effective_from) FROM policy").fetchone()[0]
    return {"policies": policies, "latest_effective_from": latest}
