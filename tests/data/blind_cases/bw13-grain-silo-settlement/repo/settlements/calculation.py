"""Settlement arithmetic: weighbridge net -> moisture shrink and dockage -> clean tonnes -> $."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from intake.models import Delivery

from .models import Deduction, Settlement

TONNE = Decimal("0.001")
CENT = Decimal("0.01")
ZERO = Decimal("0")


def to_tonnes(value):
    return value.quantize(TONNE, rounding=ROUND_HALF_UP)


def to_cents(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DeliveryFigures:
    wet_tonnes: Decimal
    shrink_tonnes: Decimal
    dockage_tonnes: Decimal
    drying_charge: Decimal

    @property
    def clean_tonnes(self):
        return self.wet_tonnes - self.shrink_tonnes - self.dockage_tonnes


def delivery_figures(delivery):
    crop = delivery.crop
    wet = to_tonnes(Decimal(delivery.net_kg) / 1000)
    excess = max(ZERO, delivery.moisture_pct - crop.base_moisture_pct)
    return DeliveryFigures(
        wet_tonnes=wet,
        shrink_tonnes=to_tonnes(wet * excess * crop.shrink_pct_per_point / 100),
        dockage_tonnes=to_tonnes(wet * delivery.dockage_pct / 100),
        drying_charge=to_cents(wet * excess * crop.drying_rate),
    )


def _period_bounds(period_start, period_end):
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(period_start, time.min), tz)
    end = timezone.make_aware(datetime.combine(period_end + timedelta(days=1), time.min), tz)
    return start, end


def unsettled_deliveries(farmer, crop, period_start, period_end):
    start, end = _period_bounds(period_start, period_end)
    return (Delivery.objects.filter(farmer=farmer, crop=crop, delivered_at__gte=start, delivered_at__lt=end)
            .exclude(settlements__status=Settlement.Status.APPROVED)
            .select_related("crop"))


def next_number(period_start):
    prefix = f"S{period_start:%y%m}-"
    return f"{prefix}{Settlement.objects.filter(number__startswith=prefix).count() + 1:04d}"


@transaction.atomic
def build_settlement(farmer, crop, period_start, period_end, price_per_tonne=None):
    """Create (or rebuild) the draft settlement for a farmer/crop/period. Returns None if nothing to settle."""
    Settlement.objects.filter(farmer=farmer, crop=crop, period_start=period_start,
                              status=Settlement.Status.DRAFT).delete()
    deliveries = list(unsettled_deliveries(farmer, crop, period_start, period_end))
    if not deliveries:
        return None
    price = crop.price_per_tonne if price_per_tonne is None else price_per_tonne
    figures = [delivery_figures(d) for d in deliveries]
    delivered = sum((f.wet_tonnes for f in figures), ZERO)
    clean = sum((f.clean_tonnes for f in figures), ZERO)
    drying = sum((f.drying_charge for f in figures), ZERO)
    levy = to_cents(clean * crop.levy_per_tonne)

    settlement = Settlement.objects.create(
        number=next_number(period_start), farmer=farmer, crop=crop, period_start=period_start,
        period_end=period_end, price_per_tonne=price, delivered_tonnes=delivered, clean_tonnes=clean,
        gross_amount=to_cents(clean * price),
    )
    settlement.deliveries.set(deliveries)
    if drying:
        Deduction.objects.create(settlement=settlement, code=Deduction.Code.DRYING, amount=drying,
                                 description=f"Drying charge ({crop.drying_rate} $/t per point over "
                                             f"{crop.base_moisture_pct}%)")
    if levy:
        Deduction.objects.create(settlement=settlement, code=Deduction.Code.LEVY, amount=levy,
                                 description=f"{crop.name} commission levy ({crop.levy_per_tonne} $/t)")
    recalculate_totals(settlement)
    return settlement


def recalculate_totals(settlement):
    total = sum((d.amount for d in settlement.deductions.all()), ZERO)
    settlement.deductions_total = total
    settlement.net_payable = settlement.gross_amount - total
    settlement.save(update_fields=["deductions_total", "net_payable"])
    return settlement
