"""Turning a finished match into bracket progress."""
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Match, Team

RATING_K = 24


class ResultError(Exception):
    """The payload cannot be applied to the match (wrong teams, draw, ...)."""


def scores_from_payload(match, payload):
    by_tag = {team["tag"].upper(): int(team["score"]) for team in payload.get("teams", [])}
    try:
        score_a = by_tag[match.team_a.tag.upper()]
        score_b = by_tag[match.team_b.tag.upper()]
    except KeyError:
        raise ResultError(f"{match}: API teams {sorted(by_tag)} do not match the bracket")
    if score_a == score_b:
        raise ResultError(f"{match}: draw {score_a}-{score_b} is not possible in elimination")
    needed = match.best_of // 2 + 1
    if max(score_a, score_b) != needed:
        raise ResultError(f"{match}: {score_a}-{score_b} is not a finished best of {match.best_of}")
    return score_a, score_b


def record_result(match, score_a, score_b):
    with transaction.atomic():
        match = Match.objects.select_for_update().select_related("team_a", "team_b").get(pk=match.pk)
        if match.status == Match.Status.COMPLETED:
            return match
        winner, loser = (match.team_a, match.team_b) if score_a > score_b else (match.team_b, match.team_a)
        match.score_a, match.score_b = score_a, score_b
        match.winner = winner
        match.status = Match.Status.COMPLETED
        match.completed_at = timezone.now()
        match.save(update_fields=["score_a", "score_b", "winner", "status", "completed_at"])

        Team.objects.filter(pk=winner.pk).update(rating=F("rating") + RATING_K)
        Team.objects.filter(pk=loser.pk).update(rating=F("rating") - RATING_K)

        if match.next_match_id:
            nxt = Match.objects.select_for_update().get(pk=match.next_match_id)
            setattr(nxt, "team_a" if match.next_slot == "a" else "team_b", winner)
            if nxt.team_a_id and nxt.team_b_id:
                nxt.status = Match.Status.SCHEDULED
            nxt.save(update_fields=["team_a", "team_b", "status"])
        else:
            match.tournament.status = match.tournament.Status.FINISHED
            match.tournament.save(update_fields=["status"])
    return match


def standings(tournament):
    """Teams ordered by how far they got, then by seed."""
    reached = {}
    for entry in tournament.entries.select_related("team"):
        reached[entry.team_id] = {"team": entry.team.tag, "seed": entry.seed, "round": 0, "champion": False}
    for match in tournament.matches.filter(status=Match.Status.COMPLETED):
        for team_id in (match.team_a_id, match.team_b_id):
            if team_id in reached:
                reached[team_id]["round"] = max(reached[team_id]["round"], match.round)
        if match.is_final:
            reached[match.winner_id]["champion"] = True
    return sorted(reached.values(), key=lambda r: (not r["champion"], -r["round"], r["seed"]))
