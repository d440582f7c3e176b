import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.tasks import index_listing, remove_listing_document

from .models import Agent, Listing
from .tasks import send_agent_welcome

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Agent)
def welcome_new_agent(sender, instance, created, **kwargs):
    if created:
        agent_id = instance.pk
        transaction.on_commit(lambda: send_agent_welcome.delay(agent_id))


@receiver(post_save, sender=Listing)
def refresh_search_document(sender, instance, created, **kwargs):
    """Keep the public search index in step with the listing."""
    if kwargs.get("raw"):
        return
    logger.debug("listing %s saved, refreshing its search document", instance.pk)
    index_listing.delay(instance.pk)


@receiver(post_delete, sender=Listing)
def drop_search_document(sender, instance, **kwargs):
    listing_id = instance.pk
    transaction.on_commit(lambda: remove_listing_document.delay(listing_id))
