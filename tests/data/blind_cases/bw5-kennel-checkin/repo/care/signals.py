"""Keep the care board in step when a pet's notes change while it is staying with us."""
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from boarding.models import Pet, Stay

from .tasks import brief_care_team


@receiver(pre_save, sender=Pet, dispatch_uid="care.pet_flags_before")
def remember_care_flags(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    previous = Pet.objects.filter(pk=instance.pk).first()
    instance._care_flags_before = previous.care_flags() if previous else set()


@receiver(post_save, sender=Pet, dispatch_uid="care.pet_flags_after")
def replan_for_new_flags(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    new_flags = instance.care_flags() - getattr(instance, "_care_flags_before", set())
    if not new_flags:
        return
    for stay_id in Stay.objects.filter(pet=instance, status=Stay.Status.CHECKED_IN).values_list("pk", flat=True):
        transaction.on_commit(lambda stay_id=stay_id: brief_care_team.delay(stay_id, sorted(new_flags)))
