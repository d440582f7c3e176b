"""Acceptance tests: a recall-letter run that fails part-way (print vendor down, a letter that cannot be
rendered) leaves nothing behind in the spool or temp directories, and the letters still go out on a later run."""
import io
import tempfile
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from patients.models import Patient
from recalls.jobs import send_recall_letters
from recalls.models import LetterBatch, Recall
from recalls.printmail import FakeVendor, PrintVendorError
from scheduling import registry


class VendorDown:
    calls = 0

    def upload(self, bundle_path):
        VendorDown.calls += 1
        raise PrintVendorError("Postly returned 502 Bad Gateway")


@pytest.fixture
def dirs(settings, tmp_path, monkeypatch):
    spool, system_tmp = tmp_path / "spool", tmp_path / "tmp"
    spool.mkdir()
    system_tmp.mkdir()
    settings.PRINT_SPOOL_DIR = str(spool)
    settings.LETTER_ARCHIVE_DIR = str(tmp_path / "archive")
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    FakeVendor.uploads.clear()
    VendorDown.calls = 0
    yield spool, system_tmp
    FakeVendor.uploads.clear()


@pytest.fixture
def due_recalls(db):
    due = timezone.localdate() + timedelta(days=10)
    recalls = []
    for n in range(3):
        patient = Patient.objects.create(chart_number=f"H{n}", first_name=f"Rae{n}", last_name="Quinn",
                                         address_line1=f"{n} Canal Row", town="London", postcode="E2 8AA")
        recalls.append(Recall.objects.create(patient=patient, kind=Recall.Kind.HYGIENE, due_on=due))
    return recalls


def leftovers(*directories):
    return [p for d in directories for p in d.iterdir()]


def attempt(func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except Exception:
        pass


@pytest.mark.django_db
def test_failed_upload_leaves_no_files_behind(settings, dirs, due_recalls):
    settings.PRINT_VENDOR = f"{__name__}.VendorDown"
    attempt(send_recall_letters)

    assert VendorDown.calls == 1
    assert leftovers(*dirs) == []
    assert not Recall.objects.filter(letter_batch__isnull=False).exists()


@pytest.mark.django_db
def test_nights_of_failures_then_success(settings, dirs, due_recalls):
    settings.PRINT_VENDOR = f"{__name__}.VendorDown"
    for _ in range(3):
        attempt(registry.run, "recall-letters")
    assert leftovers(*dirs) == []

    settings.PRINT_VENDOR = "recalls.printmail.FakeVendor"
    registry.run("recall-letters")

    assert leftovers(*dirs) == []
    assert len(FakeVendor.uploads) == 1
    names = zipfile.ZipFile(io.BytesIO(FakeVendor.uploads[0])).namelist()
    assert sorted(n for n in names if n != "manifest.csv") == sorted(f"recall-{r.pk}.txt" for r in due_recalls)
    assert Recall.objects.filter(letter_batch__isnull=True).count() == 0
    assert LetterBatch.objects.count() == 1


@pytest.mark.django_db
def test_letter_that_cannot_be_rendered_leaves_no_files_behind(dirs, due_recalls, monkeypatch):
    import recalls.letters

    real = recalls.letters.letter_text

    def flaky(recall, today=None):
        if recall.pk == due_recalls[1].pk:
            raise ValueError("bad address data")
        return real(recall, today)

    monkeypatch.setattr(recalls.letters, "letter_text", flaky)
    attempt(send_recall_letters)

    assert leftovers(*dirs) == []
    assert FakeVendor.uploads == []


@pytest.mark.django_db
def test_manual_run_with_vendor_down_cleans_up(settings, dirs, due_recalls):
    settings.PRINT_VENDOR = f"{__name__}.VendorDown"
    attempt(call_command, "run_job", "recall-letters", stdout=StringIO())
    assert leftovers(*dirs) == []
