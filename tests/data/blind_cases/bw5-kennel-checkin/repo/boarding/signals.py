from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Stay
from .tasks import send_booking_confirmation


@receiver(post_save, sender=Stay, dispatch_uid="boarding.stay_booked")
def stay_booked(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.status != Stay.Status.BOOKED:
        return
    stay_id = instance.pk
    transaction.on_commit(lambda: send_booking_confirmation.delay(stay_id))
