"""Spray diary export (JSON) for the winery's compliance system."""
import json
import os
import tempfile
from datetime import timedelta

from django.utils import timezone

from hollowoak.files import outbox_dir

from .models import SprayRecord


def spray_entries(since):
    for rec in SprayRecord.objects.filter(applied_at__gte=since).select_related("block__grower", "block__variety"):
        local = timezone.localtime(rec.applied_at)
        yield {
            "block": str(rec.block),
            "grower": rec.block.grower.name,
            "variety": rec.block.variety.name,
            "applied": local.isoformat(timespec="minutes"),
            "product": rec.product,
            "rate": f"{rec.rate_per_ha} {rec.unit}/ha",
            "withholding_until": (local.date() + timedelta(days=rec.withholding_days)).isoformat(),
            "operator": rec.operator,
        }


def export_spray_diary(days=7, now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    document = {
        "generated": timezone.localtime(now).isoformat(timespec="seconds"),
        "entries": list(spray_entries(now - timedelta(days=days))),
    }
    folder = outbox_dir()
    target = folder / f"spray-diary-{today.isoformat()}.json"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".spray-diary-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(document, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
    return target, len(document["entries"])
