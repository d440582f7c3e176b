import json

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Match, Tournament
from .tasks import sync_match_result


def _match_json(match):
    return {
        "id": match.pk,
        "round": match.round,
        "position": match.position,
        "team_a": match.team_a.tag if match.team_a else None,
        "team_b": match.team_b.tag if match.team_b else None,
        "score_a": match.score_a,
        "score_b": match.score_b,
        "winner": match.winner.tag if match.winner else None,
        "status": match.status,
    }


def bracket(request, slug):
    tournament = get_object_or_404(Tournament, slug=slug)
    matches = tournament.matches.select_related("team_a", "team_b", "winner")
    return JsonResponse({"tournament": tournament.slug, "status": tournament.status,
                         "matches": [_match_json(m) for m in matches]})


@csrf_exempt
@require_POST
def start_match(request, match_id):
    match = get_object_or_404(Match, pk=match_id)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    if match.status != Match.Status.SCHEDULED:
        return JsonResponse({"error": f"match is {match.status}"}, status=409)
    if not data.get("external_id"):
        return JsonResponse({"error": "external_id is required"}, status=400)
    match.go_live(data["external_id"])
    return JsonResponse(_match_json(match))


@csrf_exempt
@require_POST
def report_finished(request, match_id):
    """The referee's "match over" button: fetch the official result from the publisher."""
    match = get_object_or_404(Match, pk=match_id)
    if match.status != Match.Status.LIVE:
        return JsonResponse({"error": f"match is {match.status}"}, status=409)
    transaction.on_commit(lambda: sync_match_result.delay(match.pk))
    return JsonResponse({"id": match.pk, "queued": True}, status=202)
