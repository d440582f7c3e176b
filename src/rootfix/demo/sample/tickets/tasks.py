"""Notifications and escalation for tickets."""
import logging

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from .models import Reply, Ticket

logger = logging.getLogger(__name__)


@shared_task
def notify_assignee(ticket_id):
    """E-mail the agent a new ticket was routed to."""
    ticket = Ticket.objects.select_related("assignee", "team").get(pk=ticket_id)
    if ticket.assignee is None:
        logger.warning("ticket %s has no assignee, nobody to notify", ticket_id)
        return None
    send_mail(
        f"[{ticket.team.name}] New ticket #{ticket.pk}: {ticket.subject}",
        f"Priority: {ticket.get_priority_display()}\nRespond by: {ticket.respond_by:%d %b %H:%M}\n\n{ticket.body}",
        None,
        [ticket.assignee.email],
    )
    logger.info("agent %s notified about ticket %s", ticket.assignee.email, ticket.pk)
    return ticket.assignee.email


@shared_task
def notify_customer(reply_id):
    """E-mail a public agent reply to the customer."""
    reply = Reply.objects.select_related("ticket").get(pk=reply_id)
    send_mail(f"Re: {reply.ticket.subject} [#{reply.ticket.pk}]", reply.body, None, [reply.ticket.customer_email])
    return reply.ticket.customer_email


@shared_task
def escalate_overdue_tickets():
    """Beat: flag tickets past their first-response deadline."""
    overdue = Ticket.objects.filter(
        status__in=[Ticket.Status.NEW, Ticket.Status.ASSIGNED], respond_by__lt=timezone.now(), escalated=False
    )
    count = overdue.update(escalated=True)
    if count:
        logger.warning("%s tickets escalated", count)
    return count
