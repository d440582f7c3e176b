import pytest

from listings.models import Agent


@pytest.fixture
def agent(db):
    return Agent.objects.create(name="Mia Roth", email="mia@roth-immo.example", agency="Roth Immobilien")
