"""Monthly compensation claim for the grid operator, built from the daily CurtailmentLoss rows."""
import csv
from calendar import monthrange
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from windops.models import CurtailmentLoss, CurtailmentReason
from windops.pricing import TariffBook

CLAIMED_REASONS = (CurtailmentReason.REDISPATCH, CurtailmentReason.SYSTEM_SECURITY)


def month_bounds(month):
    """'2024-03' -> (date(2024, 3, 1), date(2024, 3, 31))"""
    year, mon = (int(part) for part in month.split("-"))
    return date(year, mon, 1), date(year, mon, monthrange(year, mon)[1])


def claim_lines(farm, month):
    """One line per day and reason with the farm's lost energy and the compensation claimed."""
    first, last = month_bounds(month)
    daily = (
        CurtailmentLoss.objects.filter(turbine__farm=farm, day__range=(first, last), reason__in=CLAIMED_REASONS)
        .values("day", "reason")
        .annotate(lost_kwh=Sum("lost_kwh"), compensation_eur=Sum("compensation_eur"))
        .order_by("day", "reason")
    )
    books = {}
    lines = []
    for row in daily:
        book = books.get(row["day"])
        if book is None:
            book = books[row["day"]] = TariffBook.load(row["day"], farm=farm)
        tariff = book.tariff_for(farm.pk, row["reason"])
        lines.append({
            "day": row["day"].isoformat(),
            "reason": row["reason"],
            "lost_mwh": f"{row['lost_kwh'] / 1000:.3f}",
            "rate_eur_per_mwh": f"{book.rate_for(farm.pk, row['reason']):.2f}",
            "contract_ref": tariff.contract_ref if tariff else "",
            "compensation_eur": f"{row['compensation_eur']:.2f}",
        })
    return lines


def totals(lines):
    per_reason = defaultdict(Decimal)
    for line in lines:
        per_reason[line["reason"]] += Decimal(line["compensation_eur"])
    return dict(per_reason)


def write_claim(path, farm, month):
    lines = claim_lines(farm, month)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["day", "reason", "lost_mwh", "rate_eur_per_mwh",
                                                "contract_ref", "compensation_eur"], delimiter=";")
        writer.writeheader()
        writer.writerows(lines)
    return lines
