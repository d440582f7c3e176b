import logging

from django.db import transaction

from ringing.models import SeasonSummary, Species

log = logging.getLogger(__name__)


@transaction.atomic
def store_season(year, figures):
    """Write the season's SpeciesFigures to SeasonSummary (resets the submitted flag). Returns rows stored."""
    species = {s.code: s for s in Species.objects.all()}
    stored = 0
    for code, f in sorted(figures.items()):
        sp = species.get(code)
        if sp is None:
            log.warning("season %s: unknown species code %r, skipped", year, code)
            continue
        SeasonSummary.objects.update_or_create(
            year=year, species=sp,
            defaults={"new_birds": f.new_birds, "retraps_same_season": f.retraps_same_season,
                      "retraps_earlier_seasons": f.retraps_earlier_seasons, "controls": f.controls,
                      "oldest_years": f.oldest_years, "submitted": False},
        )
        stored += 1
    return stored
