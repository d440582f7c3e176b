import pytest

from analytics.jobs import ridership
from analytics.models import DailyRidership
from analytics.sources import MissingExports

from .conftest import DAY, scan, write_export


def totals(**filters):
    return {(r.resort.code, r.pass_type): (r.scans, r.unique_passes)
            for r in DailyRidership.objects.filter(ride_date=DAY, **filters).select_related("resort")}


@pytest.mark.django_db
def test_ridership_per_resort_and_pass_type(spark, export_root, make_resort):
    alp, cop = make_resort("ALP"), make_resort("COP")
    write_export(export_root, alp, DAY, [
        scan("a1", "ALP-G1", "P100", "SEASON"),
        scan("a2", "ALP-G2", "P100", "SEASON"),
        scan("a3", "ALP-G1", "P101", "1DAY"),
        scan("a4", "ALP-G1", "P102", "1DAY", result="DENIED"),
    ])
    write_export(export_root, cop, DAY, [
        scan("c1", "COP-LIFT3-A", "Q7", "szn"),
        scan("c2", "COP-LIFT3-A", "Q8", "HALF"),
    ])

    assert ridership.run(DAY, spark=spark) == 4

    assert totals() == {
        ("ALP", "season"): (2, 1),
        ("ALP", "day"): (1, 1),
        ("COP", "season"): (1, 1),
        ("COP", "half_day"): (1, 1),
    }


@pytest.mark.django_db
def test_resent_scans_counted_once_and_rerun_replaces_day(spark, export_root, make_resort):
    alp = make_resort("ALP")
    rows = [scan("a1", "ALP-G1", "P100", "SEASON"), scan("a2", "ALP-G1", "P100", "SEASON")]
    write_export(export_root, alp, DAY, rows + [rows[0]])

    ridership.run(DAY, spark=spark)
    ridership.run(DAY, spark=spark)

    assert totals() == {("ALP", "season"): (2, 1)}


@pytest.mark.django_db
def test_missing_export_is_skipped(spark, export_root, make_resort):
    alp, _late = make_resort("ALP"), make_resort("LATE")
    write_export(export_root, alp, DAY, [scan("a1", "ALP-G1", "P1", "DAY")])

    ridership.run(DAY, spark=spark)

    assert totals() == {("ALP", "day"): (1, 1)}


@pytest.mark.django_db
def test_no_exports_at_all(spark, export_root, make_resort):
    make_resort("ALP")
    with pytest.raises(MissingExports):
        ridership.run(DAY, spark=spark)


@pytest.mark.django_db
def test_header_spelling_is_normalised(spark, export_root, make_resort):
    cop = make_resort("COP")
    columns = ["Scan_ID", "Scanned_At", "Gate_ID", "Pass_ID", "Pass_Type", "Result"]
    path = write_export(export_root, cop, DAY, [scan("c1", "COP-1", "Q1", "EMP")])
    lines = path.read_text().splitlines()
    path.write_text("\n".join([",".join(columns)] + lines[1:]) + "\n")

    ridership.run(DAY, spark=spark)

    assert totals() == {("COP", "staff"): (1, 1)}
