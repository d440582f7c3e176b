"""Files the library writes and reads.

All of them live below MEDIA_ROOT: the folder names in settings.CHOIR_LIBRARY (EXPORT_DIR, LOAN_SHEETS_DIR,
INBOX_DIR) are relative to MEDIA_ROOT. nginx serves MEDIA_ROOT, and the "Downloads" page of the members' site
lists what is in the export folders, so the same file must be found whichever directory a command, a cron
job or a Celery worker happens to run in.
"""
import csv
import logging
import os
import tempfile
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from django.conf import settings

from .conf import library_setting

logger = logging.getLogger(__name__)


def media_path(*parts) -> Path:
    return Path(settings.MEDIA_ROOT).joinpath(*parts)


def export_dir() -> Path:
    folder = media_path(library_setting("EXPORT_DIR"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def inbox_dir() -> Path:
    return media_path(library_setting("INBOX_DIR"))


def loan_sheet_name(concert_slug: str, printed_on) -> str:
    return f"{concert_slug}-{printed_on:%Y%m%d}.csv"


def loan_sheet_path(concert_slug: str, printed_on) -> Path:
    """Where the loan sheet of a concert printed on `printed_on` goes (created folders included)."""
    path = os.path.abspath(os.path.join(library_setting("LOAN_SHEETS_DIR"),
                                        loan_sheet_name(concert_slug, printed_on)))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return Path(path)


def write_csv(path, header, rows) -> int:
    """Write header + rows to `path` as UTF-8 CSV and return the number of rows.

    The rows go to a temporary file next to `path` that replaces it only when complete, so a failure half-way
    (rows are often a generator over a queryset) never leaves a truncated file where the old one was.
    """
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    logger.info("wrote %d row(s) to %s", count, path)
    return count


def read_csv(path) -> list[dict]:
    """Rows of a CSV file as dicts. Spreadsheet exports often start with a BOM, hence utf-8-sig."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def exports_older_than(cutoff: datetime) -> list[Path]:
    """CSV files below the export folder (loan sheets included) last modified before `cutoff`."""
    root = export_dir()
    limit = cutoff.timestamp()
    return sorted(p for p in root.rglob("*.csv") if p.is_file() and p.stat().st_mtime < limit)
