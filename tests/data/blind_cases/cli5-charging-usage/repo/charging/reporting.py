"""Usage reports per site: the monthly host statements and ad-hoc exports."""
import calendar
import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Sum

from network.models import Charger, Site

from .models import ChargingSession

CENT = Decimal("0.01")
CSV_HEADER = ["site", "name", "host", "sessions", "energy_kwh", "energy_revenue", "idle_fees", "reimbursement"]


@dataclass
class SiteUsage:
    site: Site
    sessions: int
    energy_wh: int
    energy_amount: Decimal
    idle_fees: Decimal

    @property
    def energy_kwh(self):
        return (Decimal(self.energy_wh) / 1000).quantize(Decimal("0.001"))

    @property
    def reimbursement(self):
        return (self.energy_kwh * self.site.reimbursement_per_kwh).quantize(Decimal("0.01"))

    def as_row(self):
        return [self.site.code, self.site.name, self.site.host_name, self.sessions, self.energy_kwh,
                self.energy_amount, self.idle_fees, self.reimbursement]


def parse_month(value):
    """'2024-03' -> (2024, 3)"""
    try:
        year, month = (int(part) for part in value.split("-"))
        date(year, month, 1)
    except ValueError:
        raise ValueError(f"month must look like YYYY-MM, got {value!r}") from None
    return year, month


def month_bounds(year, month):
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def previous_month(today):
    last = today.replace(day=1) - timedelta(days=1)
    return month_bounds(last.year, last.month)


def site_usage(start, end, site=None):
    """Completed sessions per site that ended from ``start`` to ``end`` (dates, both included)."""
    sessions = ChargingSession.objects.completed().ended_between(start, end)
    if site is not None:
        sessions = sessions.for_site(site)
    totals = (
        sessions.values("charger__site")
        .annotate(
            n=Count("pk"),
            wh=Sum("energy_wh"),
            amount=Sum("energy_amount"),
            idle=Sum("idle_fee"),
        )
        .order_by("charger__site")
    )
    sites = Site.objects.in_bulk([t["charger__site"] for t in totals])
    return [
        SiteUsage(
            site=sites[t["charger__site"]],
            sessions=t["n"],
            energy_wh=t["wh"] or 0,
            energy_amount=(t["amount"] or Decimal("0")).quantize(CENT),
            idle_fees=(t["idle"] or Decimal("0")).quantize(CENT),
        )
        for t in totals
    ]


def write_usage_csv(rows, fh):
    writer = csv.writer(fh)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(row.as_row())
    if len(rows) > 1:
        writer.writerow([
            "TOTAL", "", "", sum(r.sessions for r in rows), sum(r.energy_kwh for r in rows),
            sum(r.energy_amount for r in rows), sum(r.idle_fees for r in rows), sum(r.reimbursement for r in rows),
        ])


def daily_utilisation(day, site=None):
    """Per charger: sessions started on ``day`` (local), energy and the longest session in minutes."""
    sessions = ChargingSession.objects.started_on(day).exclude(status=ChargingSession.Status.FAILED)
    if site is not None:
        sessions = sessions.for_site(site)
    stats = {
        row["charger"]: row
        for row in sessions.values("charger").annotate(n=Count("pk"), wh=Sum("energy_wh"))
    }
    chargers = Charger.objects.select_related("site").order_by("site__code", "evse_id")
    if site is not None:
        chargers = chargers.filter(site__code=site.upper()) if isinstance(site, str) else chargers.filter(site=site)
    return [(charger, stats.get(charger.pk, {}).get("n", 0), stats.get(charger.pk, {}).get("wh") or 0)
            for charger in chargers]
