"""Compensation rates for curtailed energy.

Grid operators compensate redispatch and system-security curtailment at the rate agreed in the farm's
connection contract; curtailment during negative prices is not compensated (no tariff row, rate 0).
Contract amendments create a new tariff row, so a rate is always looked up for a given day.
"""
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from windops.models import CompensationTariff

CENT = Decimal("0.01")


class TariffBook:
    """The compensation tariffs in force on one day, indexed by (farm id, reason)."""

    def __init__(self, day, tariffs):
        self.day = day
        self._tariffs = {}
        # ordered by valid_from: when amendments overlap the newest one wins
        for tariff in tariffs:
            self._tariffs[(tariff.farm_id, tariff.reason)] = tariff

    @classmethod
    def load(cls, day, farm=None):
        tariffs = (
            CompensationTariff.objects.filter(valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .select_related("farm")
            .order_by("valid_from", "pk")
        )
        if farm is not None:
            tariffs = tariffs.filter(farm=farm)
        return cls(day, list(tariffs))

    def __len__(self):
        return len(self._tariffs)

    def tariff_for(self, farm_id, reason):
        return self._tariffs.get((farm_id, reason))

    def rate_for(self, farm_id, reason):
        tariff = self.tariff_for(farm_id, reason)
        return tariff.rate_eur_per_mwh if tariff is not None else Decimal("0")

    def rates(self):
        """{(farm id, reason): rate in EUR/MWh} for everything in force on the day."""
        return {key: tariff.rate_eur_per_mwh for key, tariff in self._tariffs.items()}

    def compensation(self, farm_id, reason, lost_kwh):
        """EUR owed for ``lost_kwh`` of curtailed energy, rounded to cents."""
        if not lost_kwh:
            return Decimal("0.00")
        mwh = Decimal(str(lost_kwh)) / 1000
        return (mwh * self.rate_for(farm_id, reason)).quantize(CENT, rounding=ROUND_HALF_UP)
