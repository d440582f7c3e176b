import logging

from celery import shared_task
from django.utils import timezone

from .models import Member

logger = logging.getLogger(__name__)


@shared_task
def expire_memberships():
    expired = Member.objects.filter(is_active=True, valid_until__lt=timezone.localdate()).update(is_active=False)
    logger.info("%d memberships expired", expired)
    return expired
