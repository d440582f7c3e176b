from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Race, Result


def results_json(request, slug):
    race = get_object_or_404(Race, slug=slug, published_at__isnull=False)
    results = (
        Result.objects.filter(entry__race=race, status=Result.Status.OFFICIAL)
        .select_related("entry")
        .order_by("overall_place")
    )
    return JsonResponse({
        "race": race.name,
        "results": [
            {"place": r.overall_place, "bib": r.entry.bib, "name": r.entry.name, "category": r.entry.category,
             "category_place": r.category_place, "chip_time_s": r.chip_time_s, "gun_time_s": r.gun_time_s}
            for r in results
        ],
    })
