from functools import lru_cache

from ops import outbox
from ops.models import Target
from ops.registry import register_job


@lru_cache()
def target_codes():
    return sorted(Target.objects.values_list("code", flat=True))


@register_job("*/10 * * * *")
def announce_targets():
    outbox.send("targets", ",".join(target_codes()))
