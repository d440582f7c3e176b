import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .models import Ringer, RingSeries, SeasonSummary

log = logging.getLogger(__name__)

LOW_STOCK = 50


@shared_task
def check_ring_stock():
    """Weekly: warn the trainers when a ring size is running out."""
    low = [s for s in RingSeries.objects.all() if s.remaining < LOW_STOCK]
    if not low:
        return 0
    lines = [f"size {s.size}: {s.remaining} left of {s.first_number}-{s.last_number}" for s in low]
    to = list(Ringer.objects.filter(is_trainer=True).exclude(email="").values_list("email", flat=True))
    if to:
        send_mail("Ring stock running low", "\n".join(lines), settings.DEFAULT_FROM_EMAIL, to)
    return len(low)


@shared_task
def submit_season_summary(year):
    """Mail the season's per-species figures to the national scheme and mark them submitted."""
    rows = list(SeasonSummary.objects.filter(year=year, submitted=False).select_related("species"))
    if not rows:
        log.info("season %s: nothing to submit", year)
        return 0
    body = ["euring;species;new;retraps_same;retraps_earlier;controls;oldest_years"]
    for r in rows:
        body.append(f"{r.species.euring};{r.species.scientific_name};{r.new_birds};{r.retraps_same_season};"
                    f"{r.retraps_earlier_seasons};{r.controls};{r.oldest_years or ''}")
    send_mail(f"Westbroek CES season {year}", "\n".join(body), settings.DEFAULT_FROM_EMAIL,
              [settings.SCHEME_SUBMISSION_EMAIL])
    SeasonSummary.objects.filter(pk__in=[r.pk for r in rows]).update(submitted=True)
    return len(rows)
