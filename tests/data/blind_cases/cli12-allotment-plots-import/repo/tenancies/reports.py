"""Read-only summaries for the board."""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from plots.models import Plot, Site

from .models import Tenancy

CENT = Decimal("0.01")


@dataclass
class SiteFees:
    site: Site
    tenancies: int
    invoiced: Decimal
    paid: Decimal
    concessions: int

    @property
    def outstanding(self):
        return self.invoiced - self.paid


def vacant_plots(season, site_code=None):
    """Lettable plots with no tenancy in ``season``."""
    plots = Plot.objects.lettable().select_related("site").exclude(tenancies__season=season)
    if site_code:
        plots = plots.filter(site__code=site_code.upper())
    return list(plots.order_by("number"))


def fee_summary(season):
    """Invoiced and paid fees per site for ``season``."""
    summary = []
    for site in Site.objects.order_by("code"):
        tenancies = Tenancy.objects.filter(season=season, plot__site=site).select_related("plot")
        totals = tenancies.aggregate(
            count=Count("id"),
            invoiced=Sum("annual_fee"),
            paid=Sum("annual_fee", filter=Q(fee_paid_on__isnull=False)),
        )
        concessions = sum(1 for t in tenancies if t.is_concession)
        summary.append(SiteFees(
            site=site,
            tenancies=totals["count"],
            invoiced=(totals["invoiced"] or Decimal("0")).quantize(CENT),
            paid=(totals["paid"] or Decimal("0")).quantize(CENT),
            concessions=concessions,
        ))
    return summary
