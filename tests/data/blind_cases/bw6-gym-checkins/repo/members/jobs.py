"""Member e-mail jobs (RQ, queue "default")."""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from .models import Member

logger = logging.getLogger(__name__)


def send_lapse_nudges():
    """E-mail members the nightly rollup flagged as at risk of lapsing, at most once a month."""
    today = timezone.localdate()
    nudge_before = today - timedelta(days=settings.LAPSE_NUDGE_EVERY_DAYS)
    due = (
        Member.objects.select_related("home_gym", "favorite_gym")
        .filter(status=Member.Status.ACTIVE, at_risk=True)
        .filter(Q(lapse_nudged_on__isnull=True) | Q(lapse_nudged_on__lt=nudge_before))
        .order_by("pk")
    )
    sent = 0
    for member in due:
        gym = member.favorite_gym or member.home_gym
        if member.last_visit_on:
            since = f"We haven't seen you at {gym.name} since {member.last_visit_on:%B %d}."
        else:
            since = f"We haven't seen you at {gym.name} yet."
        send_mail(
            subject="The wall misses you",
            message=(
                f"Hi {member.first_name},\n\n{since} New problems go up every Tuesday and Thursday, and you can "
                "bring a friend for free this month.\n\nIf you need a break, you can freeze your membership "
                "at the front desk instead of cancelling."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[member.email],
        )
        Member.objects.filter(pk=member.pk).update(lapse_nudged_on=today)
        sent += 1
    logger.info("sent %s lapse nudges", sent)
    return sent


def send_welcome_email(member_id):
    member = Member.objects.select_related("home_gym").get(pk=member_id)
    send_mail(
        subject=f"Welcome to {member.home_gym.name}!",
        message=(
            f"Hi {member.first_name},\n\nyour membership number is {member.membership_no}. Tap your card at the "
            "door reader when you come in, and book your free belay intro at the desk."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[member.email],
    )
