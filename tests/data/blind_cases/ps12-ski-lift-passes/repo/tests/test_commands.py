from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from analytics.models import DailyRidership

from .conftest import DAY, scan, write_export


@pytest.mark.django_db
def test_check_gate_exports_lists_missing(export_root, make_resort):
    alp, _ = make_resort("ALP"), make_resort("ERG")
    write_export(export_root, alp, DAY, [scan("a1", "ALP-G1", "P1", "DAY"), scan("a2", "ALP-G1", "P2", "DAY")])
    out, err = StringIO(), StringIO()

    call_command("check_gate_exports", "--date", DAY.isoformat(), stdout=out, stderr=err)

    assert "ALP" in out.getvalue() and "       2" in out.getvalue()
    assert "ERG    MISSING" in out.getvalue()
    assert "1 resort(s)" in err.getvalue()


@pytest.mark.django_db
def test_run_spark_job_for_one_resort(spark, export_root, make_resort):
    alp, erg = make_resort("ALP"), make_resort("ERG")
    write_export(export_root, alp, DAY, [scan("a1", "ALP-G1", "P1", "DAY")])
    write_export(export_root, erg, DAY, [scan("e1", "ERG-G1", "E1", "DAY")])
    out = StringIO()

    call_command("run_spark_job", "ridership", "--date", DAY.isoformat(), "--resort", "alp", stdout=out)

    assert list(DailyRidership.objects.values_list("resort__code", "pass_type", "scans")) == [("ALP", "day", 1)]
    assert "1 rows written" in out.getvalue()


@pytest.mark.django_db
def test_run_spark_job_unknown_resort(make_resort):
    make_resort("ALP")
    with pytest.raises(CommandError, match="XYZ"):
        call_command("run_spark_job", "ridership", "--date", DAY.isoformat(), "--resort", "xyz")
