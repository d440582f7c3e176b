"""Acceptance tests: scripts/import_collections.py works when run the way cron
runs it, as a stand-alone script (`python scripts/import_collections.py FILE`)
from another directory, against a real database file."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "import_collections.py"

FIXTURE = [
    {"model": "meters.zone", "pk": 1, "fields": {"code": "Z1", "name": "Town centre", "hourly_rate_pence": 250,
                                                 "residents_only": False}},
    {"model": "meters.meter", "pk": 1, "fields": {"number": "HG-0101", "zone": 1, "street": "High Street",
                                                  "accepts_card": True, "in_service": True, "flagged_at": None}},
    {"model": "meters.meter", "pk": 2, "fields": {"number": "HG-0102", "zone": 1, "street": "Market Place",
                                                  "accepts_card": False, "in_service": True, "flagged_at": None}},
]


def base_env(db_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    env["CIVICPARK_DB"] = str(db_path)
    return env


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("civicpark-db")
    db = folder / "template.sqlite3"
    env = base_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "civicpark.settings"
    fixture = folder / "meters.json"
    fixture.write_text(json.dumps(FIXTURE), encoding="utf-8")
    for cmd in (["manage.py", "migrate", "--noinput", "-v", "0"], ["manage.py", "loaddata", str(fixture)]):
        r = subprocess.run([sys.executable, *cmd], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    return db


@pytest.fixture
def db_file(template_db, tmp_path):
    db = tmp_path / "civicpark.sqlite3"
    shutil.copyfile(template_db, db)
    return db


def write_csv(tmp_path, *lines):
    path = tmp_path / "collections-2024-04-08.csv"
    path.write_text("meter,collected_on,canister,coins,card\n" + "".join(l + "\n" for l in lines), encoding="utf-8")
    return str(path)


def run_script(db_file, cwd, *args, settings_env=True):
    env = base_env(db_file)
    if settings_env:
        env["DJANGO_SETTINGS_MODULE"] = "civicpark.settings"
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def collections_in(db_file):
    with sqlite3.connect(db_file) as conn:
        return conn.execute("SELECT COUNT(*), COALESCE(SUM(coins_pence), 0) FROM meters_collection").fetchone()


def test_script_imports_when_run_from_cron_with_settings_in_env(db_file, tmp_path):
    csv_path = write_csv(tmp_path, "HG-0101,2024-04-08,C17,12.40,30.00", "HG-0102,2024-04-08,C18,7.20,")

    r = run_script(db_file, tmp_path, csv_path)

    assert r.returncode == 0, r.stderr
    assert "imported 2 collection(s)" in r.stdout
    assert collections_in(db_file) == (2, 1960)


def test_script_imports_without_settings_variable(db_file, tmp_path):
    csv_path = write_csv(tmp_path, "HG-0101,2024-04-08,C17,12.40,30.00")

    r = run_script(db_file, tmp_path, csv_path, settings_env=False)

    assert r.returncode == 0, r.stderr
    assert collections_in(db_file) == (1, 1240)


def test_script_dry_run_and_bad_lines(db_file, tmp_path):
    csv_path = write_csv(tmp_path, "HG-0101,2024-04-08,C17,12.40,30.00", "HG-0102,2024-04-08,C18,1.00,2.00")

    r = run_script(db_file, tmp_path, csv_path, "--dry-run")

    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert "card takings for coin-only meter HG-0102" in r.stderr
    assert "would import 1 collection(s)" in r.stdout
    assert collections_in(db_file) == (0, 0)


def test_script_rerun_counts_already_imported(db_file, tmp_path):
    csv_path = write_csv(tmp_path, "HG-0101,2024-04-08,C17,12.40,30.00")
    assert run_script(db_file, tmp_path, csv_path).returncode == 0

    r = run_script(db_file, REPO, csv_path)

    assert r.returncode == 0, r.stderr
    assert "1 already imported" in r.stdout
    assert collections_in(db_file) == (1, 1240)
