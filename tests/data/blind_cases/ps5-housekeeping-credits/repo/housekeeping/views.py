"""Endpoint the attendants' mobile app calls when they start, finish or skip a room."""
import json

from django.db import transaction
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Attendant, CleaningKind, CleaningTask, Room
from .tasks import notify_front_desk

ACTIONS = {"start", "finish", "skip", "inspect"}


@csrf_exempt
@require_POST
def task_event(request, task_id):
    try:
        payload = json.loads(request.body)
    except ValueError:
        return HttpResponseBadRequest("invalid json")
    action = payload.get("action")
    if action not in ACTIONS:
        return HttpResponseBadRequest("unknown action")
    task = get_object_or_404(CleaningTask.objects.select_related("room"), pk=task_id)
    now = timezone.now()
    with transaction.atomic():
        if action == "start":
            badge = payload.get("badge")
            task.attendant = get_object_or_404(Attendant, badge_id=badge, property=task.room.property_id)
            task.status, task.started_at = CleaningTask.Status.IN_PROGRESS, now
        elif action == "finish":
            if task.status != CleaningTask.Status.IN_PROGRESS:
                return HttpResponseBadRequest("task not started")
            task.status, task.finished_at = CleaningTask.Status.DONE, now
            if task.kind != CleaningKind.STAYOVER:
                Room.objects.filter(pk=task.room_id).update(status=Room.Status.VACANT_CLEAN)
        elif action == "skip":
            task.status = CleaningTask.Status.SKIPPED
        else:  # inspect
            if task.status != CleaningTask.Status.DONE:
                return HttpResponseBadRequest("task not finished")
            task.inspected_at = now
            if task.kind != CleaningKind.STAYOVER:
                Room.objects.filter(pk=task.room_id).update(status=Room.Status.INSPECTED)
                room_id = task.room_id
                transaction.on_commit(lambda: notify_front_desk.delay(room_id))
        task.save()
    return JsonResponse({"id": task.pk, "status": task.status})
