from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .models import Reserve


@shared_task
def alert_rangers(reserve_slug, species_name, detections, day_iso):
    """Mail the reserve's rangers that a protected species was seen (plain arguments, JSON-safe)."""
    try:
        reserve = Reserve.objects.get(slug=reserve_slug)
    except Reserve.DoesNotExist:
        return False
    send_mail(
        f"[faunawatch] {species_name} in {reserve.name}",
        f"The trail cameras in {reserve.name} recorded {detections} detection(s) of {species_name} on {day_iso}.\n"
        "Please check the footage and update the monitoring log.",
        settings.DEFAULT_FROM_EMAIL,
        [reserve.ranger_email],
    )
    return True
