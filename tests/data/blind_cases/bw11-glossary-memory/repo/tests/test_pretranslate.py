import pytest

from memory.jobs import pretranslate_document, update_memory_from_document
from memory.models import Document, DocumentSegment, TranslationUnit

TEXT = (
    "Switch off the machine before cleaning. Remove the filter cartridge.\n"
    "Switch off the machine before cleaning.\n"
    "Check the safety valve every week. Unrelated sentence about the weather."
)


@pytest.mark.django_db
def test_pretranslation_uses_tm_and_glossary(make_document, add_unit, add_term):
    add_unit("Switch off the machine before cleaning.", "Schalten Sie die Maschine vor der Reinigung aus.")
    add_unit("Check the safety valve every month.", "Prüfen Sie das Sicherheitsventil jeden Monat.")
    add_term("safety valve", "Sicherheitsventil")
    add_term("filter cartridge", "Filterpatrone")
    document = make_document(TEXT)

    stats = pretranslate_document(document.id)

    segments = list(document.segments.order_by("position"))
    assert [s.match for s in segments] == ["exact", "new", "exact", "fuzzy", "new"]
    assert segments[0].target_text == "Schalten Sie die Maschine vor der Reinigung aus."
    assert segments[3].target_text == "Prüfen Sie das Sicherheitsventil jeden Monat."
    assert 75 <= segments[3].match_score < 100
    assert segments[1].terms == [{"source": "filter cartridge", "target": "Filterpatrone", "forbidden": False}]
    assert segments[3].terms == [{"source": "safety valve", "target": "Sicherheitsventil", "forbidden": False}]
    assert stats["segments"] == 5
    document.refresh_from_db()
    assert document.status == Document.Status.PRETRANSLATED
    assert document.words_total == 6 + 4 + 6 + 6 + 5
    assert document.words_exact == 12
    assert document.words_fuzzy == 6
    assert document.words_new == 9
    assert TranslationUnit.objects.filter(last_used_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_repetitions_inside_a_document(make_document):
    document = make_document("Keep the area clear. Press start.\nKeep the area clear.")
    stats = pretranslate_document(document.id)
    assert stats["words_repeated"] == 4
    assert list(document.segments.values_list("match", flat=True)) == ["new", "new", "repetition"]


@pytest.mark.django_db
def test_rerun_replaces_segments(make_document, add_unit):
    document = make_document("Press start. Press stop.")
    pretranslate_document(document.id)
    add_unit("Press stop.", "Drücken Sie Stopp.")
    pretranslate_document(document.id)
    assert document.segments.count() == 2
    assert document.segments.get(position=1).match == DocumentSegment.Match.EXACT


@pytest.mark.django_db
def test_other_clients_tm_is_not_used(make_document, add_unit):
    from glossary.models import Client

    other = Client.objects.create(code="globex", name="Globex")
    add_unit("Press start.", "Start drücken.", client=other)
    document = make_document("Press start.")
    pretranslate_document(document.id)
    assert document.segments.get().match == DocumentSegment.Match.NEW


@pytest.mark.django_db
def test_confirmed_segments_go_back_into_the_tm(make_document):
    document = make_document("Press start. Press stop.")
    pretranslate_document(document.id)
    document.segments.filter(position=0).update(target_text="Start drücken.", confirmed=True)
    document.segments.filter(position=1).update(target_text="Stopp drücken.", confirmed=False)

    assert update_memory_from_document(document.id) == {"created": 1, "updated": 0, "unchanged": 0}
    assert update_memory_from_document(document.id) == {"created": 0, "updated": 0, "unchanged": 1}

    again = Document.objects.create(client=document.client, name="v2", source_language="en", target_language="de",
                                    source_text="Press start.")
    pretranslate_document(again.id)
    assert again.segments.get().target_text == "Start drücken."
