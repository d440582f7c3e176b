from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from memory.models import Document, TranslationUnit


class FakeJob:
    def __init__(self, n):
        self.id = f"job-{n}"


@pytest.fixture
def enqueued(monkeypatch):
    calls = []

    def fake_enqueue(queue_name, func_path, *args, **kwargs):
        calls.append((queue_name, func_path, args, kwargs))
        return FakeJob(len(calls))

    monkeypatch.setattr("memory.management.commands.enqueue_pretranslation.enqueue", fake_enqueue)
    monkeypatch.setattr("glossary.management.commands.import_glossary.enqueue", fake_enqueue)
    return calls


@pytest.mark.django_db
def test_enqueue_pretranslation_only_takes_uploaded_documents(make_document, enqueued):
    new = make_document("Press start.")
    make_document("Press stop.", status=Document.Status.DELIVERED)

    out = StringIO()
    call_command("enqueue_pretranslation", stdout=out)
    call_command("enqueue_pretranslation", stdout=StringIO())

    assert enqueued == [("pretranslate", "memory.jobs.pretranslate_document", (new.id,),
                         {"job_id": f"pretranslate-{new.id}"})]
    assert "1 document(s) enqueued" in out.getvalue()
    new.refresh_from_db()
    assert new.status == Document.Status.ANALYZING


@pytest.mark.django_db
def test_import_glossary_enqueues_file_contents(glossary, enqueued, tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("source_term,target_term\nvalve,Ventil\n", encoding="utf-8")
    call_command("import_glossary", str(glossary.id), str(path), stdout=StringIO())
    assert enqueued[0][:3] == ("glossary", "glossary.jobs.import_glossary_csv",
                               (glossary.id, "source_term,target_term\nvalve,Ventil\n"))


@pytest.mark.django_db
def test_export_glossary(glossary, add_term):
    add_term("valve", "Ventil")
    add_term("machine", "Apparat", forbidden=True)
    out = StringIO()
    call_command("export_glossary", str(glossary.id), stdout=out)
    assert out.getvalue().splitlines() == [
        "source_term,target_term,part_of_speech,forbidden,note",
        "machine,Apparat,,yes,",
        "valve,Ventil,,,",
    ]


@pytest.mark.django_db
def test_purge_keeps_recently_used_units(add_unit):
    old = add_unit("Old sentence.", "Alter Satz.")
    used = add_unit("Used sentence.", "Benutzter Satz.")
    fresh = add_unit("Fresh sentence.", "Neuer Satz.")
    long_ago = timezone.now() - timedelta(days=4 * 365)
    TranslationUnit.objects.filter(id__in=[old.id, used.id]).update(updated_at=long_ago)
    TranslationUnit.objects.filter(id=used.id).update(last_used_at=timezone.now() - timedelta(days=10))

    call_command("purge_translation_memory", stdout=StringIO())

    assert set(TranslationUnit.objects.values_list("id", flat=True)) == {used.id, fresh.id}
