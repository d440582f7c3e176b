"""Hand-offs from the lab workflow to the notification workers."""
import logging

from clinics.models import Owner

from .tasks import notify_owner_of_results

logger = logging.getLogger(__name__)


def announce_results(order):
    """Queue the "results are ready" notice for the pet's owner."""
    owner = order.pet.owner
    if owner.preferred_contact == Owner.Contact.NONE:
        logger.info("owner of lab order %s does not want result notices", order.accession)
        return
    if order.pet.is_deceased:
        logger.info("lab order %s: patient is deceased, no owner notice", order.accession)
        return
    logger.info("queueing results notice for lab order %s", order.accession)
    notify_owner_of_results.delay(order.pk)

