import sqlite3
from datetime import date, timedelta

import pytest

from claims import legacy
from claims.models import Adjuster


class Mirror:
    def __init__(self, path):
        self.path = path
        with sqlite3.connect(path) as conn:
            conn.executescript(legacy.SCHEMA)
        conn.close()

    def add_policy(self, number, *, product="HOME-PLUS", insured="J. Doe", start=None, end=None,
                   status="in_force", coverages=()):
        start = start or date.today() - timedelta(days=200)
        end = end or start + timedelta(days=365)
        conn = sqlite3.connect(self.path)
        try:
            cur = conn.execute(
                "INSERT INTO policy (policy_number, product, insured_name, effective_from, effective_to, status) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (number, product, insured, start.isoformat(), end.isoformat(), status),
            )
            policy_id = cur.lastrowid
            for peril, limit_pence, deductible_pence in coverages:
                conn.execute(
                    "INSERT INTO coverage (policy_id, peril, limit_pence, deductible_pence, valid_from, valid_to) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (policy_id, peril, limit_pence, deductible_pence, start.isoformat(), end.isoformat()),
                )
            conn.commit()
        finally:
            conn.close()
        return policy_id


@pytest.fixture
def mirror(tmp_path, settings):
    path = tmp_path / "policy_mirror.sqlite3"
    settings.LEGACY_POLICY_DB = str(path)
    return Mirror(str(path))


@pytest.fixture
def adjusters(db):
    return [
        Adjuster.objects.create(name="Priya Shah", email="p.shah@claimwise.example", handles_motor=False),
        Adjuster.objects.create(name="Tom Reed", email="t.reed@claimwise.example"),
    ]
