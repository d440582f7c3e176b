"""Client for Postly, the print & post vendor. A batch is one zip with a letter file per recipient and a
manifest.csv; Postly prints and posts them the next working day."""
import json
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


class PrintVendorError(Exception):
    pass


class PostlyClient:
    def upload(self, bundle_path):
        bundle_path = Path(bundle_path)
        with bundle_path.open("rb") as fh:
            body = fh.read()
        req = urllib.request.Request(settings.POSTLY_API_URL, data=body, method="POST", headers={
            "Authorization": f"Bearer {settings.POSTLY_API_KEY}",
            "Content-Type": "application/zip",
            "X-Batch-Name": bundle_path.name,
        })
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.load(resp)["batch_id"]
        except (OSError, ValueError, KeyError) as exc:
            raise PrintVendorError(f"upload of {bundle_path.name} failed: {exc}") from exc


class FakeVendor:
    """Stand-in for tests and local runs: keeps the uploaded zips' contents in memory."""

    uploads = []

    def upload(self, bundle_path):
        with open(bundle_path, "rb") as fh:
            FakeVendor.uploads.append(fh.read())
        return f"fake-{uuid.uuid4().hex[:8]}"


def get_vendor():
    return import_string(settings.PRINT_VENDOR)()
