"""Texts of the member-facing messages."""
from django.conf import settings
from django.utils import timezone


def _local(dt):
    return timezone.localtime(dt)


def pickup_reminder(allocation):
    day = allocation.pickup_day
    share = allocation.share
    opens, closes = _local(day.opens_at), _local(day.closes_at)
    return (
        f"Hi {share.member.first_name}, your {share.get_size_display().lower()} "
        f"{share.get_kind_display().lower()} box is ready for pickup {opens:%a %d %b} "
        f"{opens:%H:%M}-{closes:%H:%M} at {day.site.name}. – {settings.FARM_NAME}"
    )


def skip_deadline_notice(allocation):
    day = allocation.pickup_day
    deadline = _local(day.skip_deadline)
    return (
        f"Hi {allocation.share.member.first_name}, away next week? You can skip your "
        f"{day.date:%a %d %b} box until {deadline:%a %H:%M}. – {settings.FARM_NAME}"
    )


def missed_pickup(allocation):
    day = allocation.pickup_day
    return (
        f"Hi {allocation.share.member.first_name}, we missed you at {day.site.name} today. "
        f"Your box went to the food bank. – {settings.FARM_NAME}"
    )
