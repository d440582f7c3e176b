import logging
from datetime import timedelta

from celery import shared_task
from django.db import IntegrityError, transaction
from django.utils import timezone

from boarding.models import Stay
from boarding.notifications import NotificationError, notify_care_team, notify_owner

from .models import CareTask, DailyReport
from .planning import plan_for_flag

logger = logging.getLogger(__name__)

OVERDUE_AFTER = timedelta(minutes=45)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def brief_care_team(self, stay_id, flags):
    """Put a checked-in stay's care slots on the care board.

    ``flags``: list of care flag names (see ``Pet.care_flags``). Slots that already exist are kept, so the
    task can run again for the same stay.
    """
    stay = Stay.objects.select_related("pet", "pet__owner", "run").get(pk=stay_id)
    if stay.status != Stay.Status.CHECKED_IN:
        logger.info("stay %s is %s, no care plan needed", stay.pk, stay.status)
        return 0
    not_before = stay.checked_in_at or timezone.now()
    created = 0
    for flag in flags:
        for kind, due_at, instructions in plan_for_flag(stay, flag, not_before):
            try:
                with transaction.atomic():
                    CareTask.objects.create(stay=stay, kind=kind, flag=flag, due_at=due_at,
                                            instructions=instructions)
                    created += 1
            except IntegrityError:
                continue
    if created:
        summary = ", ".join(flags)
        notify_care_team(f"{stay.pet.name} in run {stay.run}: {summary}",
                         f"{created} care slots added for {stay.pet.name} ({stay.pet.breed or stay.pet.species}).\n"
                         f"Medication: {stay.pet.medication_notes or '-'}\nDiet: {stay.pet.diet_notes or '-'}\n")
    return created


@shared_task
def escalate_overdue_care_tasks():
    """Care slots not ticked off 45 minutes after they were due go to the duty manager."""
    now = timezone.now()
    overdue = CareTask.objects.select_related("stay__pet", "stay__run").filter(
        done_at__isnull=True, escalated_at__isnull=True, due_at__lt=now - OVERDUE_AFTER,
        stay__status=Stay.Status.CHECKED_IN,
    )
    lines = []
    for task in overdue:
        lines.append(f"- {task} (run {task.stay.run})")
    if lines:
        notify_care_team(f"{len(lines)} overdue care tasks", "\n".join(lines))
        overdue.update(escalated_at=now)
    return len(lines)


@shared_task(autoretry_for=(NotificationError,), retry_backoff=60, max_retries=3)
def send_daily_reports(day=None):
    """Evening update to the owners of every pet staying with us."""
    day = day or timezone.localdate()
    sent = 0
    for stay in Stay.objects.select_related("pet", "pet__owner").filter(status=Stay.Status.CHECKED_IN):
        report, created = DailyReport.objects.get_or_create(
            stay=stay, day=day, defaults={"text": _report_text(stay, day)}
        )
        if report.sent_at:
            continue
        notify_owner(stay.pet.owner, f"{stay.pet.name}'s day", report.text)
        report.sent_at = timezone.now()
        report.save(update_fields=["sent_at"])
        sent += 1
    return sent


def _report_text(stay, day):
    tasks = stay.care_tasks.filter(due_at__date=day)
    done = tasks.filter(done_at__isnull=False)
    lines = [f"{stay.pet.name} had a good day in run {stay.run}."]
    meds = done.filter(kind=CareTask.Kind.MEDICATION).count()
    if meds:
        lines.append(f"Medication given {meds} time(s) as instructed.")
    if tasks.filter(kind=CareTask.Kind.FEEDING).exists():
        lines.append("Fed the food you brought at the usual times.")
    return "\n".join(lines)
