"""Single-elimination bracket generation."""
import math

from django.db import transaction

from .models import Match


class BracketError(Exception):
    pass


def seed_order(size):
    """Standard seeding: 1 plays size, 2 plays size-1, and top seeds meet as late as possible."""
    order = [1]
    while len(order) < size:
        n = len(order) * 2
        order = [x for seed in order for x in (seed, n + 1 - seed)]
    return order


def build_bracket(tournament):
    entries = list(tournament.entries.select_related("team").order_by("seed"))
    size = len(entries)
    if size < 2 or size & (size - 1):
        raise BracketError(f"need a power of two number of teams, got {size}")
    rounds = int(math.log2(size))
    by_seed = {e.seed: e.team for e in entries}
    with transaction.atomic():
        tournament.matches.all().delete()
        later = {}
        for rnd in range(rounds, 0, -1):
            for pos in range(1, size // 2 ** rnd + 1):
                nxt = later.get((rnd + 1, (pos + 1) // 2))
                later[(rnd, pos)] = Match.objects.create(
                    tournament=tournament, round=rnd, position=pos, best_of=tournament.best_of,
                    next_match=nxt, next_slot=("a" if pos % 2 else "b") if nxt else "",
                )
        order = seed_order(size)
        for pos in range(1, size // 2 + 1):
            match = later[(1, pos)]
            match.team_a = by_seed[order[2 * pos - 2]]
            match.team_b = by_seed[order[2 * pos - 1]]
            match.status = Match.Status.SCHEDULED
            match.save(update_fields=["team_a", "team_b", "status"])
    return tournament.matches.count()
