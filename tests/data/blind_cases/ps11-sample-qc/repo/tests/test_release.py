from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from qc.models import QcRun
from qc.tasks import flag_stale_runs, release_after_qc
from samples.models import Sample, SequencingRun

from .conftest import NOW


def finished_qc_run(seq_run, failed):
    return QcRun.objects.create(run=seq_run, input_path="/data/x", started_at=NOW, finished_at=NOW,
                                status=QcRun.Status.FAILED if failed else QcRun.Status.PASSED,
                                total_samples=3, failed_count=len(failed), failed_samples=failed)


@pytest.mark.django_db
def test_release_holds_failed_samples(make_samples, seq_run):
    make_samples("GC1042_S01", "GC1042_S02", "GC1042_S03")
    qc_run = finished_qc_run(seq_run, ["GC1042_S02"])

    assert release_after_qc.delay(qc_run.pk).get() == {"released": 2, "held": 1}

    status = dict(Sample.objects.values_list("sample_id", "status"))
    assert status == {"GC1042_S01": "released", "GC1042_S02": "on_hold", "GC1042_S03": "released"}


@pytest.mark.django_db
def test_release_command_refuses_running_qc(make_samples, seq_run):
    make_samples("GC1042_S01")
    QcRun.objects.create(run=seq_run, input_path="/data/x", started_at=timezone.now())
    with pytest.raises(Exception, match="not finished"):
        call_command("release_samples", seq_run.run_id)
    assert not Sample.objects.filter(status=Sample.Status.RELEASED).exists()


@pytest.mark.django_db
def test_flag_stale_runs(seq_run):
    done = SequencingRun.objects.create(run_id="240309_A01234_0041_AHXXXXDSX5", instrument="A01234",
                                        flowcell="HXXXXDSX4", status=SequencingRun.Status.DEMULTIPLEXED,
                                        completed_at=NOW - timedelta(days=3))
    finished_qc_run(done, [])
    assert flag_stale_runs(now=NOW + timedelta(hours=49)) == 1
    seq_run.refresh_from_db()
    assert seq_run.status == SequencingRun.Status.STALE
