from django.core.management import call_command

from analytics.jobs.turnstile_faults import fault_counts, parse_fault
from turnstiles.models import TurnstileFaultCount


def test_parse_fault():
    assert parse_fault("2024-03-09T13:01:02Z g03 L2 jam rotor blocked 4s") == ("2024-03-09", "G03", 2, "JAM")
    assert parse_fault("--- controller G03-C1 restarted ---") is None
    assert parse_fault("") is None


def test_build_turnstile_faults(spark, stadium, tmp_path):
    day = tmp_path / "faults" / "date=2024-03-09"
    day.mkdir(parents=True)
    (day / "G03-C1.log").write_text(
        "2024-03-09T13:01:02Z G03 L2 JAM rotor blocked 4s\n"
        "2024-03-09T13:07:40Z G03 L2 JAM rotor blocked 2s\n"
        "2024-03-09T13:09:00Z G03 L1 READER_TIMEOUT\n"
        "--- controller G03-C1 restarted ---\n"
    )
    lines = spark.sparkContext.textFile(str(day))
    assert dict(fault_counts(lines).collect())[("2024-03-09", "G03", 2, "JAM")] == 2

    call_command(
        "build_turnstile_faults", "--date", "2024-03-09", "--raw-root", str(tmp_path / "faults"),
        "--output", str(tmp_path / "out"),
    )

    counts = {(f.gate.code, f.lane, f.fault_code): f.count for f in TurnstileFaultCount.objects.all()}
    assert counts == {("G03", 2, "JAM"): 2, ("G03", 1, "READER_TIMEOUT"): 1}
