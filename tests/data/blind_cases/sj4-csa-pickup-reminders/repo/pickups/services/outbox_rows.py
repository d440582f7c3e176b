"""Building OutboxMessage rows for members (unsaved; callers decide how to save them)."""
from members.models import Member
from outbox.models import OutboxMessage


def message_for(member, kind, body, subject="", dedupe_key=None, send_after=None):
    if member.contact_by == Member.Contact.SMS:
        channel = OutboxMessage.Channel.SMS
    else:
        channel = OutboxMessage.Channel.EMAIL
    return OutboxMessage(
        kind=kind,
        channel=channel,
        recipient=member.address,
        subject=subject,
        body=body,
        dedupe_key=dedupe_key,
        member=member,
        send_after=send_after,
    )


def reachable(member):
    return member.active and not member.reminders_opt_out and bool(member.address)
