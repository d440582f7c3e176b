import io
import zipfile
from pathlib import Path

import pytest

from recalls.jobs import send_recall_letters
from recalls.models import LetterBatch, Recall
from recalls.printmail import FakeVendor, PrintVendorError


class DownVendor:
    def upload(self, bundle_path):
        raise PrintVendorError("503 Service Unavailable")


def uploaded_names(n=0):
    return sorted(zipfile.ZipFile(io.BytesIO(FakeVendor.uploads[n])).namelist())


@pytest.mark.django_db
def test_due_recalls_are_bundled_and_uploaded(recall, soon, far, work_dirs):
    a = recall(soon, title="Mrs", first_name="Ann", last_name="Hale")
    b = recall(soon, kind=Recall.Kind.HYGIENE)
    recall(far)

    assert send_recall_letters() == 2

    assert uploaded_names() == ["manifest.csv", f"recall-{a.pk}.txt", f"recall-{b.pk}.txt"]
    letter = zipfile.ZipFile(io.BytesIO(FakeVendor.uploads[0])).read(f"recall-{a.pk}.txt").decode()
    assert "Dear Mrs Hale," in letter
    batch = LetterBatch.objects.get()
    assert batch.vendor_ref.startswith("fake-") and batch.letters == 2
    assert set(batch.recalls.all()) == {a, b}
    assert (Path(work_dirs / "archive") / batch.archive_name).exists()


@pytest.mark.django_db
def test_spool_is_cleaned_after_upload(recall, soon, work_dirs):
    recall(soon)
    send_recall_letters()
    assert list((work_dirs / "spool").iterdir()) == []


@pytest.mark.django_db
def test_letters_are_sent_once(recall, soon):
    recall(soon)
    assert send_recall_letters() == 1
    assert send_recall_letters() == 0
    assert len(FakeVendor.uploads) == 1


@pytest.mark.django_db
def test_no_letter_without_address_or_after_opt_out(recall, soon):
    recall(soon, address_line1="")
    recall(soon, letters_opt_out=True)
    booked = recall(soon)
    Recall.objects.filter(pk=booked.pk).update(booked=True)
    assert send_recall_letters() == 0
    assert FakeVendor.uploads == []


@pytest.mark.django_db
def test_failed_upload_leaves_recalls_for_the_next_run(settings, recall, soon):
    r = recall(soon)
    settings.PRINT_VENDOR = "tests.test_recall_letters.DownVendor"
    with pytest.raises(PrintVendorError):
        send_recall_letters()
    r.refresh_from_db()
    assert r.letter_batch is None
    assert not LetterBatch.objects.exists()

    settings.PRINT_VENDOR = "recalls.printmail.FakeVendor"
    assert send_recall_letters() == 1
