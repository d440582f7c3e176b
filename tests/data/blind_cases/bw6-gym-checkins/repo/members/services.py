import secrets

from django.db import transaction
from django.utils import timezone

from cruxgym.queues import enqueue

from .models import Member


class SignupError(Exception):
    pass


def _next_membership_no():
    last = Member.objects.order_by("-membership_no").values_list("membership_no", flat=True).first()
    return f"CX{int(last[2:]) + 1:06d}" if last else "CX000001"


def sign_up(*, first_name, last_name, email, home_gym, plan=Member.Plan.MONTHLY, card_no=None):
    if Member.objects.filter(email__iexact=email, status=Member.Status.ACTIVE).exists():
        raise SignupError(f"{email} already has an active membership")
    with transaction.atomic():
        member = Member.objects.create(
            membership_no=_next_membership_no(),
            card_no=card_no or secrets.token_hex(5).upper(),
            first_name=first_name,
            last_name=last_name,
            email=email.lower(),
            home_gym=home_gym,
            plan=plan,
            joined_on=timezone.localdate(),
            punches_left=10 if plan == Member.Plan.PUNCH else None,
        )
        member_id = member.pk
        transaction.on_commit(lambda: enqueue("members.jobs.send_welcome_email", member_id))
    return member
