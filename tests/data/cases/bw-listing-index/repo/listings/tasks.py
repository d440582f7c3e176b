import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import Agent, Listing

logger = logging.getLogger(__name__)


@shared_task
def send_agent_welcome(agent_id):
    agent = Agent.objects.get(pk=agent_id)
    if agent.welcomed:
        return False
    send_mail("Welcome to Nestly", f"Hi {agent.name}, your account is ready.", None, [agent.email])
    Agent.objects.filter(pk=agent.pk).update(welcomed=True)
    return True


@shared_task
def expire_stale_listings():
    cutoff = timezone.now() - timedelta(days=settings.LISTING_MAX_AGE_DAYS)
    stale = Listing.objects.filter(status=Listing.Status.ACTIVE, created_at__lt=cutoff)
    expired = stale.update(status=Listing.Status.EXPIRED)
    logger.info("expired %d listings", expired)
    return expired
