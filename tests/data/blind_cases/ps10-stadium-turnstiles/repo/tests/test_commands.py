from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from turnstiles.models import GateFlowMinute, Match
from turnstiles.tasks import rollup_matchday


def test_import_fixtures_creates_and_updates(db, tmp_path):
    csv_path = tmp_path / "fixtures.csv"
    csv_path.write_text(
        "code,competition,home_team,away_team,kickoff,capacity\n"
        "2024-03-30-GLR-CTY,League,Gateline Rovers,City,2024-03-30T15:00,32000\n"
        "2024-04-06-GLR-ALB,Cup,Gateline Rovers,Albion,2024-04-06T12:30,31500\n"
    )
    call_command("import_fixtures", str(csv_path))
    call_command("import_fixtures", str(csv_path), "--gates-open-before", "120")

    match = Match.objects.get(code="2024-04-06-GLR-ALB")
    assert Match.objects.count() == 2
    assert match.kickoff == datetime(2024, 4, 6, 11, 30, tzinfo=dt_timezone.utc)  # BST
    assert match.kickoff - match.gates_open == timedelta(minutes=120)


def test_import_fixtures_rejects_missing_columns(db, tmp_path):
    csv_path = tmp_path / "fixtures.csv"
    csv_path.write_text("code,kickoff\nX,2024-03-30T15:00\n")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_fixtures", str(csv_path))


def test_spark_commands_validate_dates(db):
    with pytest.raises(CommandError, match="--date must be a date"):
        call_command("build_match_attendance", "--date", "09/03/2024")
    with pytest.raises(CommandError, match="before"):
        call_command("build_gate_flow", "--date", "2024-03-09", "--to", "2024-03-01")


def test_prune_gate_flow(stadium):
    gates, matches = stadium
    old = matches["2024-03-09-GLR-ATH"]
    old.kickoff = timezone.now() - timedelta(days=500)
    old.save()
    recent = matches["2024-03-16-GLR-UTD"]
    recent.kickoff = timezone.now() - timedelta(days=3)
    recent.save()
    for match in (old, recent):
        GateFlowMinute.objects.create(match=match, gate=gates["G01"], minute=match.kickoff, admitted=5)

    call_command("prune_gate_flow", "--days", "400")

    assert list(GateFlowMinute.objects.values_list("match__code", flat=True)) == [recent.code]


def test_rollup_skips_days_without_match(db):
    assert rollup_matchday.delay("2024-01-01").get() == "no-match"
