"""Opening, routing and answering tickets. The web views and the mail importer call these."""
import logging

from django.db import transaction
from django.db.models import F

from .models import Agent, Reply, Ticket
from .tasks import notify_assignee, notify_customer

logger = logging.getLogger(__name__)


class RoutingError(Exception):
    """No agent of the team can take the ticket."""


def pick_agent(team):
    """The available agent of ``team`` with the fewest open tickets."""
    return Agent.objects.filter(team=team, available=True).order_by("open_tickets", "pk").first()


def open_ticket(team, subject, body, customer_email, priority=Ticket.Priority.NORMAL):
    """Create a ticket, assign it to an agent and notify them."""
    with transaction.atomic():
        ticket = Ticket.objects.create(
            team=team, subject=subject.strip(), body=body, customer_email=customer_email, priority=priority
        )
        agent = pick_agent(team)
        if agent is None:
            raise RoutingError(f"no available agent in {team.name}")
        ticket.assignee = agent
        ticket.status = Ticket.Status.ASSIGNED
        ticket.respond_by = ticket.sla_deadline()
        ticket.save(update_fields=["assignee", "status", "respond_by"])
        Agent.objects.filter(pk=agent.pk).update(open_tickets=F("open_tickets") + 1)
        notify_assignee.delay(ticket.pk)
    logger.info("ticket %s opened for %s, assigned to %s", ticket.pk, customer_email, agent.email)
    return ticket


def add_reply(ticket, agent, body, public=True):
    """An agent answers; public replies are mailed to the customer once saved."""
    with transaction.atomic():
        reply = Reply.objects.create(ticket=ticket, author_agent=agent, body=body, public=public)
        if public:
            ticket.status = Ticket.Status.WAITING
            ticket.save(update_fields=["status"])
            transaction.on_commit(lambda: notify_customer.delay(reply.pk))
    return reply


def solve(ticket):
    with transaction.atomic():
        ticket.status = Ticket.Status.SOLVED
        ticket.save(update_fields=["status"])
        if ticket.assignee_id:
            Agent.objects.filter(pk=ticket.assignee_id, open_tickets__gt=0).update(
                open_tickets=F("open_tickets") - 1
            )
    return ticket
