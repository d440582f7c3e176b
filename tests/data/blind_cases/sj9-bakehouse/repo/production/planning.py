"""Turn the orders for one delivery day into a production sheet.

A sheet has one line per product (what the night shift bakes) and one drop per
customer (what goes in the van). Building a sheet again for the same day
replaces its lines and drops, unless the round has already left (locked).
"""
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from accounts.calendar import DeliveryCalendar

from .models import BakeryHoliday, Drop, OneOffOrder, ProductionSheet, SheetLine, StandingOrder
from .units import batches_needed

logger = logging.getLogger(__name__)


class SheetLocked(Exception):
    pass


@dataclass
class PlannedDrop:
    customer: object
    items: Counter = field(default_factory=Counter)


@dataclass
class Plan:
    day: object
    drops: dict = field(default_factory=dict)          # customer id -> PlannedDrop
    totals: Counter = field(default_factory=Counter)   # product id -> quantity
    products: dict = field(default_factory=dict)       # product id -> Product
    skipped_closed: set = field(default_factory=set)
    skipped_paused: set = field(default_factory=set)

    def add(self, customer, product, quantity):
        drop = self.drops.get(customer.pk)
        if drop is None:
            drop = self.drops[customer.pk] = PlannedDrop(customer)
        drop.items[product.sku] += quantity
        self.totals[product.pk] += quantity
        self.products[product.pk] = product


def calendar_for(day):
    holidays = BakeryHoliday.objects.filter(day__gte=day).values_list("day", flat=True)
    return DeliveryCalendar(day, bakery_holidays=holidays)


def plan_day(day, calendar=None):
    """Work out what to bake and deliver on ``day``. Reads only; writes nothing."""
    calendar = calendar or calendar_for(day)
    plan = Plan(day)
    if not calendar.is_delivery_day(day):
        return plan

    standing = (StandingOrder.active_on(day).filter(product__active=True)
                .select_related("customer", "product"))
    one_offs = (OneOffOrder.objects.filter(delivery_day=day, cancelled=False, product__active=True)
                .select_related("customer", "product"))
    for order in [*standing, *one_offs]:
        customer = order.customer
        if customer.is_paused:
            plan.skipped_paused.add(customer.pk)
            continue
        if not calendar.delivers_to(customer, day):
            plan.skipped_closed.add(customer.pk)
            continue
        plan.add(customer, order.product, order.quantity)
    return plan


def build_sheet(day, *, force=False, now=None):
    """Build (or rebuild) the sheet for ``day``.

    Returns the sheet, or None when nothing is delivered that day (Sunday,
    bakery holiday). A locked sheet is only rebuilt with ``force``.
    """
    now = now or timezone.now()
    calendar = calendar_for(day)
    if not calendar.is_delivery_day(day):
        logger.info("no round on %s, no sheet built", day)
        return None

    existing = ProductionSheet.objects.filter(day=day).first()
    if existing and existing.status == ProductionSheet.Status.LOCKED and not force:
        raise SheetLocked(f"sheet for {day} is locked (round left at {existing.locked_at})")

    plan = plan_day(day, calendar)
    with transaction.atomic():
        sheet, _ = ProductionSheet.objects.update_or_create(
            day=day,
            defaults={
                "built_at": now,
                "skipped_closed": len(plan.skipped_closed),
                "skipped_paused": len(plan.skipped_paused),
            },
        )
        sheet.lines.all().delete()
        sheet.drops.all().delete()
        SheetLine.objects.bulk_create([
            SheetLine(sheet=sheet, product=plan.products[product_id], quantity=quantity,
                      batches=batches_needed(quantity, plan.products[product_id].batch_size))
            for product_id, quantity in plan.totals.items()
        ])
        Drop.objects.bulk_create([
            Drop(sheet=sheet, customer=drop.customer, route_id=drop.customer.route_id,
                 stop_order=drop.customer.stop_order, items=dict(sorted(drop.items.items())))
            for drop in plan.drops.values()
        ])

    logger.info("production sheet %s: %d drops, %d closed, %d paused, %d units",
                day, len(plan.drops), len(plan.skipped_closed), len(plan.skipped_paused),
                sum(plan.totals.values()))
    return sheet
