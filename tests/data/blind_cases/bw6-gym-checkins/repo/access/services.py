"""Door scans: who may enter, and recording the check-in."""
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.models import Member

from .models import CheckIn

# a second scan of the same card at the same door within this window is a
# double tap, not a new visit
DOUBLE_TAP_SECONDS = 90


class EntryRefused(Exception):
    pass


def check_in(*, card_no, gym, door="main", method=CheckIn.Method.CARD, at=None):
    at = at or timezone.now()
    with transaction.atomic():
        member = Member.objects.select_for_update().filter(card_no=card_no).first()
        if member is None:
            raise EntryRefused("unknown card")
        if not member.can_enter():
            raise EntryRefused(
                "no visits left on the punch card" if member.plan == Member.Plan.PUNCH else f"membership {member.status}"
            )
        recent = CheckIn.objects.filter(
            member=member, gym=gym, door=door, at__gte=at - timedelta(seconds=DOUBLE_TAP_SECONDS), at__lte=at
        ).first()
        if recent is not None:
            return recent, False
        first_today = not CheckIn.objects.filter(
            member=member, gym=gym, at__date=timezone.localdate(at, gym.tzinfo)
        ).exists()
        checkin = CheckIn.objects.create(member=member, gym=gym, at=at, door=door, method=method)
        if member.plan == Member.Plan.PUNCH and first_today:
            Member.objects.filter(pk=member.pk).update(punches_left=F("punches_left") - 1)
    return checkin, True
