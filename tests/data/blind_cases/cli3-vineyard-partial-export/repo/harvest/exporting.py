"""CSV exports for the accounting system.

Files are written into the outbox (settings.EXPORT_OUTBOX); `push_outbox`
later hands every finished file over to accounting.
"""
import csv
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from hollowoak.files import outbox_dir

from .models import WeighTicket
from .pricing import PriceBook


class CsvExport:
    """One CSV file in the outbox. Subclasses provide `filename`, `header` and `rows()`."""

    header = ()

    @property
    def filename(self):
        raise NotImplementedError

    def rows(self):
        raise NotImplementedError

    @property
    def path(self):
        return outbox_dir() / self.filename

    def write(self):
        """Write the export and return (path, number of data rows)."""
        count = 0
        with open(self.path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(self.header)
            for row in self.rows():
                writer.writerow(row)
                count += 1
        return self.path, count


class WeighbridgeExport(CsvExport):
    """All non-void weighbridge tickets of one local day, priced for grower payments."""

    header = ("ticket", "weighed_at", "grower_code", "grower_abn", "block", "variety", "grade", "net_kg",
              "baume", "price_per_tonne", "amount")

    def __init__(self, day):
        self.day = day
        self.prices = PriceBook(vintage=day.year)

    @property
    def filename(self):
        return f"weighbridge-{self.day.isoformat()}.csv"

    def tickets(self):
        tz = timezone.get_current_timezone()
        start = datetime.combine(self.day, time.min, tzinfo=tz)
        return (
            WeighTicket.objects.filter(void=False, weighed_at__gte=start, weighed_at__lt=start + timedelta(days=1))
            .select_related("block__grower", "block__variety")
            .order_by("number")
        )

    def rows(self):
        for t in self.tickets().iterator():
            block = t.block
            price = self.prices.price_per_tonne(block.variety, t.grade)
            yield (
                t.number, timezone.localtime(t.weighed_at).isoformat(timespec="minutes"), block.grower.code,
                block.grower.abn, block.code, block.variety.name, t.grade, t.net_kg,
                "" if t.baume is None else str(t.baume), str(price), str(self.prices.amount(t)),
            )


def day_totals(day):
    """Tonnes and amount per grower for the console summary (no file)."""
    export = WeighbridgeExport(day)
    totals = {}
    for t in export.tickets():
        grower = t.block.grower.code
        kg, amount = totals.get(grower, (0, Decimal("0")))
        totals[grower] = (kg + t.net_kg, amount + export.prices.amount(t))
    return totals
