"""Uploads to the export bucket (a stub that copies into a local folder)."""
import shutil
from pathlib import Path

UPLOADED = []


def upload(path, key):
    UPLOADED.append((key, Path(path).read_text()))


def upload_dir(path, prefix):
    for item in sorted(Path(path).iterdir()):
        upload(item, f"{prefix}/{item.name}")


def cleanup(path):
    shutil.rmtree(path, ignore_errors=True)
