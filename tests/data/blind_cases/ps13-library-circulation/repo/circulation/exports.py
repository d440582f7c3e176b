from pathlib import Path

from django.conf import settings

from .periods import export_days

FILE_PATTERN = "loans-{:%Y-%m-%d}.csv"


def export_dir(override=None):
    return Path(override) if override else Path(settings.CIRCULATION_EXPORT_DIR)


def export_files(month, directory=None):
    """Paths of the daily loan exports that may contain events of ``month``."""
    base = export_dir(directory)
    paths = [base / FILE_PATTERN.format(day) for day in export_days(month)]
    return [str(p) for p in paths if p.exists() and p.stat().st_size > 0]
