from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tickets import services
from tickets.models import Agent, Reply, Ticket
from tickets.tasks import escalate_overdue_tickets


def test_open_ticket_routes_to_least_busy_agent(team, agents, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = services.open_ticket(team, " Double charge ", "I was charged twice.", "kim@example.com")
    assert ticket.assignee == agents[0] and ticket.status == Ticket.Status.ASSIGNED
    assert ticket.subject == "Double charge"
    assert ticket.respond_by == ticket.created_at + timedelta(hours=8)
    assert mail.outbox[0].to == ["mia@deskly.example"]
    assert Agent.objects.get(pk=agents[0].pk).open_tickets == 1


def test_urgent_ticket_has_short_deadline(team, agents):
    ticket = services.open_ticket(team, "Outage", "Nothing works", "kim@example.com", Ticket.Priority.URGENT)
    assert ticket.respond_by == ticket.created_at + timedelta(hours=2)


def test_no_agent_available(team):
    with pytest.raises(services.RoutingError):
        services.open_ticket(team, "Hello", "?", "kim@example.com")
    assert Ticket.objects.count() == 0


def test_public_reply_mails_customer(team, agents, django_capture_on_commit_callbacks):
    ticket = services.open_ticket(team, "Invoice", "Where is my invoice?", "kim@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_reply(ticket, agents[0], "Attached, sorry for the delay.")
    assert mail.outbox[-1].to == ["kim@example.com"]
    assert Ticket.objects.get(pk=ticket.pk).status == Ticket.Status.WAITING


def test_escalation(team, agents):
    ticket = services.open_ticket(team, "Refund", "Please refund", "kim@example.com")
    Ticket.objects.filter(pk=ticket.pk).update(respond_by=timezone.now() - timedelta(minutes=1))
    assert escalate_overdue_tickets.delay().get() == 1


def test_close_stale_tickets(team, agents):
    ticket = services.open_ticket(team, "Login", "Cannot log in", "kim@example.com")
    reply = services.add_reply(ticket, agents[0], "Did you try resetting your password?")
    Reply.objects.filter(pk=reply.pk).update(created_at=timezone.now() - timedelta(days=20))
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.WAITING)
    out = StringIO()
    call_command("close_stale_tickets", stdout=out)
    assert "1 stale tickets solved" in out.getvalue()
    assert Agent.objects.get(pk=agents[0].pk).open_tickets == 0
