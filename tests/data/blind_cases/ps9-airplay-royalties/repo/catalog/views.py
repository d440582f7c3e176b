from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from .isrc import normalise_isrc
from .models import Station, Track


@require_GET
def track_detail(request, isrc):
    try:
        track = Track.objects.select_related("label", "publisher").get(isrc=normalise_isrc(isrc))
    except Track.DoesNotExist:
        raise Http404("unknown ISRC")
    return JsonResponse({
        "isrc": track.isrc,
        "title": track.title,
        "artist": track.artist,
        "duration_s": track.duration_s,
        "label": track.label.name,
        "publisher": track.publisher.name if track.publisher else None,
        "publisher_share_pct": track.publisher_share_pct,
    })


@require_GET
def station_list(request):
    stations = Station.objects.filter(active=True).values("call_sign", "name", "tier")
    return JsonResponse({"stations": list(stations)})
