"""Import the grid operator's curtailment order feed.

The feed is a JSON list of orders::

    [{"ref": "TN-2024-031201", "connection_point": "UW Hallenberg 110kV", "reason": "redispatch",
      "from": "2024-03-12T09:00:00+01:00", "to": "2024-03-12T11:30:00+01:00", "setpoint_mw": 12.5}, ...]

Orders are matched to farms by connection point; re-imports update orders in place (the operator
sometimes extends an order while it is running).
"""
import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fleet.models import WindFarm
from windops.models import CurtailmentOrder, CurtailmentReason

REASONS = {
    "redispatch": CurtailmentReason.REDISPATCH,
    "congestion": CurtailmentReason.REDISPATCH,
    "security": CurtailmentReason.SYSTEM_SECURITY,
    "negative_price": CurtailmentReason.NEGATIVE_PRICE,
}


def parse_order(raw):
    try:
        starts_at = datetime.fromisoformat(raw["from"])
        ends_at = datetime.fromisoformat(raw["to"])
        reason = REASONS[raw["reason"]]
    except (KeyError, ValueError) as exc:
        raise ValueError(f"order {raw.get('ref', '?')}: {exc!r}") from exc
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError(f"order {raw['ref']}: timestamps need an offset")
    if ends_at <= starts_at:
        raise ValueError(f"order {raw['ref']}: ends before it starts")
    setpoint = raw.get("setpoint_mw")
    return {
        "reason": reason,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "setpoint_kw": int(round(float(setpoint) * 1000)) if setpoint is not None else None,
    }


class Command(BaseCommand):
    help = "Import curtailment orders from the grid operator's JSON feed."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path) as fh:
                feed = json.load(fh)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}") from exc

        farms = {farm.connection_point: farm for farm in WindFarm.objects.exclude(connection_point="")}
        created = updated = skipped = 0
        with transaction.atomic():
            for raw in feed:
                farm = farms.get(raw.get("connection_point"))
                if farm is None:
                    skipped += 1
                    continue
                try:
                    values = parse_order(raw)
                except ValueError as exc:
                    self.stderr.write(str(exc))
                    skipped += 1
                    continue
                _, was_created = CurtailmentOrder.objects.update_or_create(
                    order_ref=raw["ref"], defaults={"farm": farm, **values}
                )
                created += was_created
                updated += not was_created
        self.stdout.write(f"orders: {created} new, {updated} updated, {skipped} skipped")
