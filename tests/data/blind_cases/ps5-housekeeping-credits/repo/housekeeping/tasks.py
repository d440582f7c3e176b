import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .models import CleaningKind, CleaningTask, Room
from .pms import PMSUnavailable, push_room_status

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=6, default_retry_delay=20)
def notify_front_desk(self, room_id):
    """Tell the PMS that a room was inspected and can be sold again."""
    room = Room.objects.select_related("property").get(pk=room_id)
    if room.status != Room.Status.INSPECTED:
        return False
    try:
        push_room_status(room, "inspected")
    except PMSUnavailable as exc:
        raise self.retry(exc=exc)
    return True


@shared_task
def open_stayover_tasks(business_date=None):
    """Every morning: one stayover task per occupied room that has none yet."""
    day = business_date or timezone.localdate()
    created = 0
    occupied = Room.objects.filter(status=Room.Status.OCCUPIED, is_active=True)
    with transaction.atomic():
        for room in occupied:
            _, made = CleaningTask.objects.get_or_create(
                room=room, business_date=day, kind=CleaningKind.STAYOVER,
            )
            created += made
    logger.info("opened %d stayover tasks for %s", created, day)
    return created
