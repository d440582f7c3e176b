"""Handing tasks to vans and cleaning up old ones."""
import logging

from django.db import transaction
from django.utils import timezone

from .models import RebalanceTask, Van

logger = logging.getLogger(__name__)

MAX_TASKS_PER_VAN = 3


def assign_tasks(now=None):
    """Give open tasks, highest priority first, to vans on shift that have room. Returns assignments made."""
    now = now or timezone.now()
    assigned = 0
    with transaction.atomic():
        vans = list(Van.objects.select_for_update().filter(on_shift=True).order_by("code"))
        load = {van.pk: van.tasks.filter(status=RebalanceTask.Status.ASSIGNED).count() for van in vans}
        for task in RebalanceTask.objects.filter(status=RebalanceTask.Status.OPEN, expires_at__gt=now):
            free = [van for van in vans if load[van.pk] < MAX_TASKS_PER_VAN and van.capacity >= task.bikes]
            if not free:
                break
            van = min(free, key=lambda v: (load[v.pk], v.code))
            task.van, task.status = van, RebalanceTask.Status.ASSIGNED
            task.save(update_fields=["van", "status"])
            load[van.pk] += 1
            assigned += 1
    return assigned


def expire_tasks(now=None):
    now = now or timezone.now()
    expired = RebalanceTask.objects.filter(
        status__in=RebalanceTask.ACTIVE, expires_at__lte=now
    ).update(status=RebalanceTask.Status.EXPIRED)
    if expired:
        logger.info("expired %d rebalancing tasks", expired)
    return expired


def complete_task(task, bikes_moved=None):
    task.status = RebalanceTask.Status.DONE
    if bikes_moved is not None:
        task.bikes = bikes_moved
    task.save(update_fields=["status", "bikes"])
    return task
