"""Messages to pet owners."""
import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

from clinics.models import Owner

logger = logging.getLogger(__name__)


class SmsError(Exception):
    pass


class HttpSmsGateway:
    def send(self, to, text):
        req = urllib.request.Request(settings.SMS_API_URL, method="POST",
                                     data=json.dumps({"to": to, "text": text}).encode(),
                                     headers={"Authorization": f"Bearer {settings.SMS_API_TOKEN}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return json.loads(resp.read()).get("id", "")
        except Exception as exc:  # noqa: BLE001 - provider errors come in many shapes
            raise SmsError(str(exc)) from exc


class MemoryGateway:
    outbox = []

    def send(self, to, text):
        MemoryGateway.outbox.append((to, text))
        return f"mem-{len(MemoryGateway.outbox)}"


def get_sms_gateway():
    return import_string(settings.SMS_GATEWAY)()


def render_results_ready(order):
    pet = order.pet
    clinic = order.clinic
    resulted = timezone.localtime(order.resulted_at).strftime("%b %d") if order.resulted_at else "today"
    subject = f"{pet.name}'s lab results are ready"
    body = (
        f"Hi {pet.owner.first_name},\n\n"
        f"The results of {pet.name}'s {order.panel_name or order.panel_code} came back on {resulted}. "
        f"Your veterinarian will review them and contact you if anything needs follow-up. "
        f"You can also call us at {clinic.phone}.\n\n"
        f"{clinic.name}"
    )
    sms = f"{clinic.name}: {pet.name}'s lab results are in. Your vet will review them; questions? {clinic.phone}"
    return subject, body, sms


def send_results_ready(order):
    """Send the "results are ready" notice. Returns (channel, recipient), or None if we cannot reach the owner."""
    owner = order.pet.owner
    subject, body, sms = render_results_ready(order)
    if owner.preferred_contact == Owner.Contact.SMS and owner.mobile:
        get_sms_gateway().send(owner.mobile, sms)
        return "sms", owner.mobile
    if owner.email:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [owner.email])
        return "email", owner.email
    logger.info("no way to reach owner %s for lab order %s", owner.pk, order.accession)
    return None
