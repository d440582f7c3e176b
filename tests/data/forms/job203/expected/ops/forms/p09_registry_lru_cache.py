from functools import lru_cache

from ops import outbox
from ops.models import Target
from ops.registry import register_job


@lru_cache()
def target_codes():
    return sorted(Target.objects.values_list("code", flat=True))


@register_job("*/10 * * * *")
def announce_targets():
    target_codes.cache_clear()  # rootfix JOB203: rebuilt per run
    outbox.send("targets", ",".join(target_codes()))
