import pytest

from tickets.models import Agent, Team


@pytest.fixture
def team(db):
    return Team.objects.create(name="Billing", first_response_hours=8)


@pytest.fixture
def agents(team):
    return [
        Agent.objects.create(team=team, name="Mia", email="mia@deskly.example"),
        Agent.objects.create(team=team, name="Jonas", email="jonas@deskly.example", open_tickets=3),
    ]
