from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from listings.models import Agent, Listing
from listings.tasks import expire_stale_listings, send_agent_welcome


@pytest.mark.django_db(transaction=True)
def test_new_agent_gets_one_welcome_mail():
    agent = Agent.objects.create(name="Jonas", email="jonas@example.org")
    assert len(mail.outbox) == 1
    assert send_agent_welcome(agent.pk) is False


@pytest.mark.django_db
def test_old_listings_expire(agent):
    old = Listing.objects.create(agent=agent, title="Old", city="Bonn", price=1, status=Listing.Status.ACTIVE,
                                 created_at=timezone.now() - timedelta(days=120))
    assert expire_stale_listings() == 1
    old.refresh_from_db()
    assert old.status == Listing.Status.EXPIRED
