"""Writes the credits job's per-attendant totals to the operations database (supervisors' board)."""
from decimal import Decimal

from django.db import transaction

from housekeeping.models import Attendant, AttendantDay


def store_attendant_days(property_code, rows):
    """Upsert one AttendantDay per result row; rows of unknown badges are skipped and returned."""
    attendants = {a.badge_id: a for a in Attendant.objects.filter(property__code=property_code)}
    unknown = []
    with transaction.atomic():
        for row in rows:
            attendant = attendants.get(row["badge_id"])
            if attendant is None:
                unknown.append(row["badge_id"])
                continue
            AttendantDay.objects.update_or_create(
                attendant=attendant, day=row["business_date"],
                defaults={
                    "rooms_cleaned": row["rooms_cleaned"],
                    "credits": Decimal(str(row["credits"])),
                    "minutes_worked": row["minutes_worked"] or 0,
                    "over_target": row["over_target"],
                },
            )
    return unknown
