from functools import lru_cache

from celery import shared_task

from ops import outbox
from ops.models import Rate


@lru_cache(maxsize=None)
def eur_rates():
    return {r.currency: r.value for r in Rate.objects.all()}


@shared_task
def price_check(amount=100):
    eur_rates.cache_clear()  # rootfix JOB203: rebuilt per run
    for currency, rate in sorted(eur_rates().items()):
        outbox.send("price", f"{currency} {amount * rate}")
