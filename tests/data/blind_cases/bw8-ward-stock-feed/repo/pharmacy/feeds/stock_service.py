"""Pulls a ward's cabinet stock from the vendor feed and mirrors it locally."""
import logging
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone

from django.db import transaction
from django.utils import timezone

from ..models import Drug, StockLevel, SyncRun
from .client import FeedClient, FeedUnavailable

logger = logging.getLogger(__name__)


class BadStockLine(ValueError):
    pass


@dataclass(frozen=True)
class StockLine:
    item_code: str
    description: str
    quantity: int
    par_level: int
    updated_at: datetime | None


class WardStockService:
    """Fetch + apply the stock feed of one ward."""

    def __init__(self, client=None):
        self.client = client or FeedClient.from_settings()

    # -- fetching -------------------------------------------------------------

    @staticmethod
    def parse_line(item):
        try:
            code = str(item["item"]).strip()
            quantity = int(item["qty"])
        except (KeyError, TypeError, ValueError) as exc:
            raise BadStockLine(f"unusable stock line {item!r}") from exc
        if not code:
            raise BadStockLine(f"stock line without item code {item!r}")
        if quantity < 0:
            raise BadStockLine(f"negative quantity in {item!r}")
        updated = item.get("updated")
        updated_at = datetime.fromisoformat(updated) if updated else None
        if updated_at is not None and timezone.is_naive(updated_at):
            updated_at = updated_at.replace(tzinfo=dt_timezone.utc)
        return StockLine(
            item_code=code,
            description=str(item.get("desc") or code),
            quantity=quantity,
            par_level=int(item.get("par") or 0),
            updated_at=updated_at,
        )

    def fetch_levels(self, ward_code):
        """Return (lines, skipped) for the ward; malformed lines are skipped and counted."""
        try:
            payload = self.client.get_json(f"/wards/{ward_code}/stock")
        except FeedUnavailable as exc:
            logger.warning("stock feed unavailable for ward %s: %s", ward_code, exc)
            return [], 0
        lines, skipped = [], 0
        for item in payload.get("lines", []):
            try:
                lines.append(self.parse_line(item))
            except BadStockLine as exc:
                # one bad line from the cabinet must not block the rest of the ward
                logger.error("ward %s: %s", ward_code, exc)
                skipped += 1
        return lines, skipped

    # -- applying -------------------------------------------------------------

    def apply_levels(self, ward, lines):
        now = timezone.now()
        for line in lines:
            drug, _ = Drug.objects.get_or_create(code=line.item_code, defaults={"name": line.description})
            StockLevel.objects.update_or_create(
                ward=ward,
                drug=drug,
                defaults={
                    "quantity": line.quantity,
                    "par_level": line.par_level,
                    "feed_updated_at": line.updated_at or now,
                },
            )
        return len(lines)

    def sync(self, ward):
        lines, skipped = self.fetch_levels(ward.code)
        with transaction.atomic():
            count = self.apply_levels(ward, lines)
            ward.last_synced_at = timezone.now()
            ward.save(update_fields=["last_synced_at"])
            SyncRun.objects.create(ward=ward, status=SyncRun.Status.OK, lines=count, skipped=skipped)
        logger.info("ward %s synced: %d line(s), %d skipped", ward.code, count, skipped)
        return count
