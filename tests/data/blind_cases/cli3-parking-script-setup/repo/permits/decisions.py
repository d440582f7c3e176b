from django.utils import timezone

from .models import Permit


def decide(permit, approve, now=None):
    now = now or timezone.now()
    permit.status = Permit.Status.ACTIVE if approve else Permit.Status.REVOKED
    permit.decided_at = now
    permit.save(update_fields=["status", "decided_at"])
    return permit


def auto_decision(permit):
    """Approve straightforward applications: one active permit per plate, zone takes residents."""
    if Permit.objects.filter(plate=permit.plate, status=Permit.Status.ACTIVE).exclude(pk=permit.pk).exists():
        return False
    return permit.zone.residents_only and permit.valid_until > permit.valid_from


def expire_permits(today=None):
    today = today or timezone.localdate()
    return Permit.objects.filter(status=Permit.Status.ACTIVE, valid_until__lt=today).update(
        status=Permit.Status.EXPIRED)
