from django.utils import timezone

from .models import SkiPass


def passes_valid_on(day):
    """Passes that may ride on `day` (valid_from / valid_to are inclusive calendar days)."""
    return SkiPass.objects.filter(valid_from__lte=day, valid_to__gte=day, blocked=False)


def check_gate(ski_pass, now=None):
    """What the turnstile controller asks before opening: (ok, reason)."""
    today = timezone.localdate(now)
    if ski_pass.blocked:
        return False, "blocked"
    if today < ski_pass.valid_from:
        return False, "not yet valid"
    if today > ski_pass.valid_to:
        return False, "expired"
    return True, ""
