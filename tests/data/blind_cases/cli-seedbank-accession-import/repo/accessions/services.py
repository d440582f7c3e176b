from django.db import transaction
from django.db.models import F

from .models import SeedLot, Withdrawal


class NotEnoughSeeds(Exception):
    pass


def withdraw(lot_id, seeds, purpose):
    """Take seeds out of a lot (germination test, distribution, regeneration)."""
    with transaction.atomic():
        lot = SeedLot.objects.select_for_update().get(pk=lot_id)
        if lot.seed_count < seeds:
            raise NotEnoughSeeds(f"{lot} holds {lot.seed_count} seeds, {seeds} requested")
        SeedLot.objects.filter(pk=lot.pk).update(seed_count=F("seed_count") - seeds)
        return Withdrawal.objects.create(lot=lot, seeds=seeds, purpose=purpose)
