"""Route manifests: one e-mail per driver with the morning's drops in stop order."""
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from accounts.models import Route

from .models import Drop, Product, ProductionSheet
from .units import unit_label

logger = logging.getLogger(__name__)


class RouteManifest:
    def __init__(self, route, day):
        self.route = route
        self.day = day
        self.stops = []

    def add(self, drop, units):
        lines = [unit_label(units.get(sku, "piece"), qty) + f" {sku}" for sku, qty in drop.items.items()]
        self.stops.append((drop.customer, lines))

    @property
    def recipients(self):
        return [self.route.driver_email] if self.route.driver_email else [settings.BAKERY["OFFICE_EMAIL"]]

    def subject(self):
        return f"Round {self.route.code} {self.day:%a %d %b}: {len(self.stops)} drops"

    def render(self):
        out = [f"{self.route.name} - departs {self.route.departs_at:%H:%M}", ""]
        for n, (customer, lines) in enumerate(self.stops, 1):
            out.append(f"{n}. {customer.name} ({customer.code})")
            if customer.address:
                out.append("   " + " ".join(customer.address.split()))
            if customer.drop_notes:
                out.append(f"   NOTE: {customer.drop_notes}")
            out.extend(f"   - {line}" for line in lines)
        return "\n".join(out) + "\n"


def manifests_for(sheet):
    units = dict(Product.objects.values_list("sku", "unit"))
    manifests = {}
    drops = Drop.objects.filter(sheet=sheet).select_related("customer", "route")
    for drop in drops.order_by("route__departs_at", "route__code", "stop_order", "customer__code"):
        manifest = manifests.get(drop.route_id)
        if manifest is None:
            manifest = manifests[drop.route_id] = RouteManifest(drop.route, sheet.day)
        manifest.add(drop, units)
    return list(manifests.values())


def lock_and_send(day, now=None):
    """Lock the sheet for ``day`` and e-mail the manifests. Returns the number of e-mails sent."""
    now = now or timezone.now()
    with transaction.atomic():
        sheet = ProductionSheet.objects.select_for_update().filter(day=day).first()
        if sheet is None:
            logger.warning("no production sheet for %s, no manifests sent", day)
            return 0
        if sheet.status == ProductionSheet.Status.LOCKED:
            logger.info("sheet %s already locked, manifests were sent at %s", day, sheet.locked_at)
            return 0
        sheet.status = ProductionSheet.Status.LOCKED
        sheet.locked_at = now
        sheet.save(update_fields=["status", "locked_at"])

    sent = 0
    for manifest in manifests_for(sheet):
        EmailMessage(manifest.subject(), manifest.render(), to=manifest.recipients).send()
        sent += 1
    unrouted = Route.objects.exclude(pk__in=sheet.drops.values("route_id")).count()
    logger.info("manifests for %s: %d sent, %d routes without drops", day, sent, unrouted)
    return sent
