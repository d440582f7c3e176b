"""Outbox handling shared by the export commands."""
import os
import shutil
from pathlib import Path

from django.conf import settings

# push_outbox only hands over files with these suffixes; anything else in the
# outbox (work files, editor backups) is left alone.
FINISHED_SUFFIXES = (".csv", ".json")


def outbox_dir():
    path = Path(settings.EXPORT_OUTBOX)
    path.mkdir(parents=True, exist_ok=True)
    return path


def finished_exports():
    folder = outbox_dir()
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in FINISHED_SUFFIXES
                  and not p.name.startswith("."))


def hand_over(path, share, sent_dir):
    """Copy `path` into the accounting share, then move it to sent_dir. Returns the sent path."""
    share = Path(share)
    sent_dir = Path(sent_dir)
    sent_dir.mkdir(parents=True, exist_ok=True)
    tmp = share / f".{path.name}.incoming"
    shutil.copyfile(path, tmp)
    os.replace(tmp, share / path.name)
    target = sent_dir / path.name
    os.replace(path, target)
    return target
