import pytest

from tournaments.bracket import BracketError, build_bracket, seed_order
from tournaments.models import Match


def test_seed_order():
    assert seed_order(4) == [1, 4, 2, 3]
    assert seed_order(8) == [1, 8, 4, 5, 2, 7, 3, 6]


def test_bracket_for_four_teams(cup):
    first_round = list(cup.matches.filter(round=1))
    assert [(m.team_a.tag, m.team_b.tag) for m in first_round] == [("NRG", "EG"), ("TSM", "C9")]
    final = cup.matches.get(round=2)
    assert final.status == Match.Status.PENDING
    assert {m.next_slot for m in first_round} == {"a", "b"}
    assert all(m.next_match_id == final.pk for m in first_round)


def test_bracket_needs_power_of_two(cup):
    cup.entries.last().delete()
    with pytest.raises(BracketError):
        build_bracket(cup)
