"""Lake layout: raw data lives in ``<root>/date=YYYY-MM-DD/`` folders, exports under ``EXPORTS/<job>/``."""
from datetime import timedelta
from pathlib import Path

from django.conf import settings


def day_range(first, last):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def day_partitions(root, first, last):
    """The existing ``date=`` folders under ``root`` for first..last (days without a match have none)."""
    root = Path(root)
    folders = (root / f"date={day.isoformat()}" for day in day_range(first, last))
    return [str(folder) for folder in folders if folder.is_dir()]


def default_export_dir(job, first, last):
    name = first.isoformat() if first == last else f"{first.isoformat()}_{last.isoformat()}"
    return Path(settings.TURNSTILE_LAKE["EXPORTS"]) / job / name
