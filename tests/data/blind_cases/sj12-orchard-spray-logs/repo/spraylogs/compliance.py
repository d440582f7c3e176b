"""Pre-harvest interval warnings for growers."""
from collections import defaultdict
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from orchards.models import Block

LOOKAHEAD = timedelta(days=21)


def phi_conflicts(today=None):
    """Blocks whose expected harvest falls inside the PHI of a product already sprayed on them."""
    today = today or timezone.localdate()
    blocks = (Block.objects.filter(expected_harvest__gte=today, expected_harvest__lte=today + LOOKAHEAD,
                                   farm__active=True)
              .select_related("farm").prefetch_related("spray_records__product"))
    conflicts = []
    for block in blocks:
        for rec in block.spray_records.all():
            safe_from = timezone.localdate(rec.applied_at) + timedelta(days=rec.product.phi_days)
            if safe_from > block.expected_harvest:
                conflicts.append((block, rec, safe_from))
    return conflicts


def send_phi_warnings(today=None):
    by_farm = defaultdict(list)
    for block, rec, safe_from in phi_conflicts(today):
        by_farm[block.farm].append(
            f"- {block.name} ({block.crop}): {rec.product.name} applied {timezone.localdate(rec.applied_at)}, "
            f"PHI {rec.product.phi_days} days -> do not harvest before {safe_from} "
            f"(planned {block.expected_harvest})"
        )
    sent = 0
    for farm, lines in by_farm.items():
        if not farm.contact_email:
            continue
        send_mail(
            subject=f"Pre-harvest interval warning for {farm.name}",
            message="The following blocks are planned for harvest inside a pre-harvest interval:\n\n"
                    + "\n".join(lines),
            from_email=None,
            recipient_list=[farm.contact_email],
        )
        sent += 1
    return sent
