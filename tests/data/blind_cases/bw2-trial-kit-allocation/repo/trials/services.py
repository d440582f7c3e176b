"""Randomization and withdrawal.

The API, the fallback management command and the admin actions all go
through RandomizationService; it owns the locking and the allocation
sequence, the models only record the outcome.
"""
import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .allocation import arm_code_for
from .models import Participant, Randomization, Study
from .scheduling import schedule_visits
from .tasks import notify_withdrawal

logger = logging.getLogger(__name__)


class RandomizationError(Exception):
    """The participant cannot be randomized."""


class RandomizationService:
    def __init__(self, *, user=""):
        self.user = user

    def _check_eligible(self, participant):
        if participant.status != Participant.Status.SCREENING:
            raise RandomizationError(f"{participant} is {participant.get_status_display().lower()}")
        if participant.consented_at is None:
            raise RandomizationError(f"{participant} has no informed consent on file")
        if not participant.site.is_active:
            raise RandomizationError(f"site {participant.site.number} is not active")
        if not participant.site.study.is_enrolling:
            raise RandomizationError(f"study {participant.site.study.code} is closed for enrollment")

    def _next_sequence_number(self, study):
        current = Randomization.objects.filter(participant__site__study=study).aggregate(m=Max("sequence_number"))
        return (current["m"] or 0) + 1

    @transaction.atomic
    def randomize(self, participant, *, first_dose_date):
        participant = (
            Participant.objects.select_for_update().select_related("site__study").get(pk=participant.pk)
        )
        self._check_eligible(participant)
        # one randomization at a time per study: the sequence must have no gaps
        study = Study.objects.select_for_update().get(pk=participant.site.study_id)
        arms = {arm.code: arm for arm in study.arms.all()}
        sequence_number = self._next_sequence_number(study)
        arm = arms[arm_code_for(study, arms.values(), sequence_number)]

        randomization = participant.randomize(arm, sequence_number=sequence_number, by=self.user)
        schedule_visits(participant, first_dose_date)

        logger.info("%s randomized as %s by %s", participant, randomization.randomization_number, self.user)
        return randomization

    @transaction.atomic
    def withdraw(self, participant, *, reason=""):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Participant.Status.WITHDRAWN:
            return participant
        participant.status = Participant.Status.WITHDRAWN
        participant.withdrawn_at = timezone.now()
        participant.save(update_fields=["status", "withdrawn_at", "updated_at"])
        participant.visits.filter(status="planned").delete()
        participant_id = participant.pk
        transaction.on_commit(lambda: notify_withdrawal.delay(participant_id))
        logger.info("%s withdrawn: %s", participant, reason)
        return participant


def screen_fail(participant, reason):
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status != Participant.Status.SCREENING:
            raise RandomizationError(f"{participant} is not in screening")
        participant.mark_screen_failed(reason)
    return participant
