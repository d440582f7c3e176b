import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from depot.models import Parcel

STATE = Path(settings.BASE_DIR) / "var" / "export_state.json"


def _save_state(count: int) -> None:
    STATE.write_text(json.dumps({"exported": count}))


def _load_state() -> dict:
    # only ever written by _save_state: json.dumps output is ASCII under any locale
    if not STATE.exists():
        return {}
    return json.loads(STATE.read_text())


class Command(BaseCommand):
    help = "Write the parcel manifest as JSON (ensure_ascii keeps it ASCII)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        rows = [{"code": p.code, "customer": p.customer.name} for p in Parcel.objects.select_related("customer")]
        with open(options["path"], "w") as fh:
            json.dump(rows, fh, indent=2)
            fh.write("\n")
        _save_state(len(rows) + _load_state().get("exported", 0))
