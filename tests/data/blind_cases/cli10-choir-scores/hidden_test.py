"""Acceptance tests for `choir-lib loan-sheet`: the sheet is written below MEDIA_ROOT (LOAN_SHEETS_DIR is
relative to MEDIA_ROOT), whatever directory the command is run from, and --mail attaches that sheet."""
import csv
import os

import pytest
from django.core import mail
from typer.testing import CliRunner

from tools.choirlib import app

runner = CliRunner()


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Run the command from an unrelated directory (like cron's home directory)."""
    cwd = tmp_path / "cron-home"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def read_sheet(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def files_below(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs)


def test_loan_sheet_goes_below_media_root(media_root, lent, elsewhere):
    result = runner.invoke(app, ["loan-sheet", "spring-2024", "--date", "2024-04-12"])

    assert result.exit_code == 0, result.output
    sheet = media_root / "exports" / "loan-sheets" / "spring-2024-20240412.csv"
    assert sheet.is_file(), f"sheet not in MEDIA_ROOT; files there: {files_below(media_root)}"
    rows = read_sheet(sheet)
    assert len(rows) == 1 + len(lent)
    assert ["Tenor", "Tomáš Novák", "D-014", "Stabat Mater", "Antonín Dvořák"] in [r[:5] for r in rows]
    assert files_below(elsewhere) == [], "loan-sheet wrote files into the current directory"


def test_loan_sheet_honours_configured_folder(settings, media_root, lent, elsewhere):
    settings.CHOIR_LIBRARY = {**settings.CHOIR_LIBRARY, "LOAN_SHEETS_DIR": "sheets/loans"}

    result = runner.invoke(app, ["loan-sheet", "spring-2024", "--date", "2024-04-12"])

    assert result.exit_code == 0, result.output
    assert (media_root / "sheets" / "loans" / "spring-2024-20240412.csv").is_file(), files_below(media_root)
    assert files_below(elsewhere) == []


def test_loan_sheet_mail_attaches_the_written_sheet(media_root, lent, elsewhere):
    result = runner.invoke(app, ["loan-sheet", "spring-2024", "--date", "2024-04-12", "--mail"])

    assert result.exit_code == 0, result.output
    assert len(mail.outbox) == 1, "section leaders got no email"
    msg = mail.outbox[0]
    assert sorted(msg.to) == ["tomas@example.org", "zoe@example.org"]
    name, content, _ = msg.attachments[0]
    assert name == "spring-2024-20240412.csv"
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert "Antonín Dvořák" in text and "Siobhán Kelly" in text


def test_loan_sheet_same_place_from_two_directories(media_root, lent, tmp_path, monkeypatch):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
    monkeypatch.chdir(tmp_path / "a")
    assert runner.invoke(app, ["loan-sheet", "spring-2024", "--date", "2024-04-12"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "b")
    assert runner.invoke(app, ["loan-sheet", "spring-2024", "--date", "2024-04-19"]).exit_code == 0

    sheets = media_root / "exports" / "loan-sheets"
    assert sorted(p.name for p in sheets.glob("*.csv")) == ["spring-2024-20240412.csv",
                                                            "spring-2024-20240419.csv"]
