from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Stay
from .tasks import send_stay_confirmation


@receiver(post_save, sender=Stay, dispatch_uid="berths.stay_booked_confirmation")
def stay_booked(sender, instance, created, raw=False, using=None, **kwargs):
    """Every newly booked stay gets its confirmation e-mail."""
    if raw or not created or instance.status != Stay.Status.CONFIRMED:
        return
    stay_id = instance.pk
    transaction.on_commit(lambda: send_stay_confirmation.delay(stay_id))
