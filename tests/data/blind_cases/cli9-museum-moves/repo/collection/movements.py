"""Moving objects between locations.

A move is planned first (what would happen, what is refused and why) and then applied in one transaction, so a
batch either moves completely or not at all. Every applied move writes one Movement row per object; all rows of
one batch share a batch id so the registrar can find "everything that went to quarantine on Tuesday".
"""
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import CollectionObject, Location, Movement

STATUS_FOR_KIND = {
    Location.Kind.STORE: CollectionObject.Status.IN_STORE,
    Location.Kind.GALLERY: CollectionObject.Status.ON_DISPLAY,
    Location.Kind.CONSERVATION: CollectionObject.Status.IN_CONSERVATION,
    Location.Kind.QUARANTINE: CollectionObject.Status.QUARANTINED,
    Location.Kind.TRANSIT: CollectionObject.Status.IN_TRANSIT,
}

# Objects in these states cannot be moved by a plain location move.
IMMOVABLE = {
    CollectionObject.Status.ON_LOAN: "out on loan",
    CollectionObject.Status.DEACCESSIONED: "deaccessioned",
}


class MoveRefused(Exception):
    """The whole batch cannot go ahead (destination closed or full)."""


@dataclass
class MovePlan:
    destination: Location
    to_move: list = field(default_factory=list)
    already_there: list = field(default_factory=list)
    refused: list = field(default_factory=list)  # (object, reason)

    @property
    def is_empty(self):
        return not self.to_move


def plan_move(objects, destination):
    if not destination.active:
        raise MoveRefused(f"{destination.code} is closed (inactive location)")

    plan = MovePlan(destination=destination)
    for obj in objects:
        if obj.status in IMMOVABLE:
            plan.refused.append((obj, IMMOVABLE[obj.status]))
        elif obj.status == CollectionObject.Status.QUARANTINED and destination.kind == Location.Kind.GALLERY:
            plan.refused.append((obj, "quarantined objects must be cleared before going on display"))
        elif obj.location_id == destination.pk:
            plan.already_there.append(obj)
        else:
            plan.to_move.append(obj)

    if destination.capacity is not None and plan.to_move:
        occupied = destination.contents.exclude(status=CollectionObject.Status.DEACCESSIONED).count()
        free = destination.capacity - occupied
        if len(plan.to_move) > free:
            raise MoveRefused(
                f"{destination.code} has room for {max(free, 0)} more object(s), "
                f"{len(plan.to_move)} would be moved in"
            )
    return plan


def apply_move(plan, *, moved_by, reason):
    """Write the planned move; returns the batch id (or None when there was nothing to move)."""
    if plan.is_empty:
        return None
    batch = uuid.uuid4().hex
    now = timezone.now()
    destination = plan.destination
    new_status = STATUS_FOR_KIND[destination.kind]

    with transaction.atomic():
        ids = [obj.pk for obj in plan.to_move]
        # lock the rows so two people scanning the same shelf at once cannot both move it
        locked = {o.pk: o for o in CollectionObject.objects.select_for_update().filter(pk__in=ids)}
        movements = []
        for obj in plan.to_move:
            current = locked[obj.pk]
            movements.append(Movement(
                object=current, from_location_id=current.location_id, to_location=destination,
                reason=reason, moved_by=moved_by, batch=batch, moved_at=now,
            ))
            current.location = destination
            current.status = new_status
            current.save(update_fields=["location", "status", "updated_at"])
        Movement.objects.bulk_create(movements)

        if destination.kind == Location.Kind.QUARANTINE:
            from .tasks import notify_quarantine_moves

            transaction.on_commit(lambda: notify_quarantine_moves.delay(batch))
    return batch
