"""Acceptance tests: an RQ worker process that keeps running pre-translation
and TM-update jobs for new documents must not keep growing, and the jobs must
keep producing the same (fresh) results."""
import gc
import sys

import pytest

from glossary.models import Client, Glossary, Term
from memory.jobs import pretranslate_document, update_memory_from_document
from memory.models import Document, DocumentSegment, TranslationUnit

COMPONENTS = ["hydraulic pump", "drive belt", "control panel", "spindle motor", "coolant line", "door interlock",
              "pressure sensor", "feed roller", "main bearing", "tool changer", "safety valve", "fan filter"]
ACTIONS = ["Inspect", "Tighten", "Replace", "Clean", "Lubricate", "Calibrate", "Check", "Adjust"]

SEGMENTS_PER_DOCUMENT = 400
WARM_UP_DOCUMENTS = 60          # ~24,000 distinct segments before measuring
MEASURED_DOCUMENTS = 6          # ~2,400 more distinct segments while measuring
DELIVERED_DOCUMENTS = 3         # TM updates while measuring
MAX_RETAINED_BLOCKS = 10_000    # ~3,600 distinct segments pass through while measuring


def sentence(doc_no, i):
    comp = COMPONENTS[(doc_no + i) % len(COMPONENTS)]
    act = ACTIONS[(doc_no * 3 + i) % len(ACTIONS)]
    return (f"{act} the {comp} of line {doc_no}-{i} after every {i % 40 + 2} operating hours "
            f"and record the result in log sheet {doc_no * 1000 + i}.")


def document_text(doc_no, segments=SEGMENTS_PER_DOCUMENT):
    return "\n".join(sentence(doc_no, i) for i in range(segments))


def retained_blocks(run):
    """Python memory blocks still allocated after ``run()`` that were not before."""
    gc.collect()
    before = sys.getallocatedblocks()
    run()
    gc.collect()
    return sys.getallocatedblocks() - before


@pytest.fixture
def acme(db):
    client = Client.objects.create(code="acme", name="ACME Maschinenbau GmbH")
    glossary = Glossary.objects.create(client=client, name="Product terms", source_language="en", target_language="de")
    Term.objects.create(glossary=glossary, source_term="safety valve", target_term="Sicherheitsventil")
    return client


def make_document(client, doc_no, segments=SEGMENTS_PER_DOCUMENT):
    return Document.objects.create(client=client, name=f"manual-{doc_no}.txt", source_language="en",
                                   target_language="de", source_text=document_text(doc_no, segments)).id


def make_delivered_document(client, doc_no):
    """A document whose translation was confirmed by the translator, ready for the TM update job."""
    document = Document.objects.create(client=client, name=f"delivered-{doc_no}.txt", source_language="en",
                                       target_language="de", source_text=document_text(doc_no),
                                       status=Document.Status.IN_TRANSLATION)
    DocumentSegment.objects.bulk_create([
        DocumentSegment(document=document, position=i, source_text=sentence(doc_no, i),
                        target_text=f"Übersetzung {doc_no}-{i}", confirmed=True)
        for i in range(SEGMENTS_PER_DOCUMENT)
    ])
    return document.id


@pytest.mark.django_db
def test_worker_memory_levels_off_across_many_documents(acme):
    globex = Client.objects.create(code="globex", name="Globex Logistics")
    warm_up = [make_document(acme, n) for n in range(WARM_UP_DOCUMENTS)]
    measured = [make_document(acme, n) for n in range(WARM_UP_DOCUMENTS, WARM_UP_DOCUMENTS + MEASURED_DOCUMENTS)]
    delivered = [make_delivered_document(globex, n) for n in range(5000, 5000 + DELIVERED_DOCUMENTS)]

    for document_id in warm_up:
        pretranslate_document(document_id)

    def more_jobs():
        for document_id in measured:
            stats = pretranslate_document(document_id)
            assert stats["segments"] == SEGMENTS_PER_DOCUMENT
        for document_id in delivered:
            assert update_memory_from_document(document_id)["created"] == SEGMENTS_PER_DOCUMENT

    retained = retained_blocks(more_jobs)

    assert retained < MAX_RETAINED_BLOCKS, (
        f"worker kept {retained} more memory blocks after {MEASURED_DOCUMENTS + DELIVERED_DOCUMENTS} more jobs"
    )
    assert TranslationUnit.objects.filter(client=globex).count() == DELIVERED_DOCUMENTS * SEGMENTS_PER_DOCUMENT
    last = Document.objects.get(pk=measured[-1])
    assert last.status == Document.Status.PRETRANSLATED
    assert last.segments.count() == SEGMENTS_PER_DOCUMENT
    assert last.words_total == last.words_new + last.words_fuzzy + last.words_exact + last.words_repeated > 0


@pytest.mark.django_db
def test_later_jobs_see_glossary_and_memory_changes(acme):
    text = "Check the safety valve every week.\nClean the fan filter. Check the safety valve every week."
    first = Document.objects.create(client=acme, name="a.txt", source_language="en", target_language="de",
                                    source_text=text)
    pretranslate_document(first.id)
    assert [s.match for s in first.segments.order_by("position")] == ["new", "new", "repetition"]
    assert first.segments.get(position=0).terms == [
        {"source": "safety valve", "target": "Sicherheitsventil", "forbidden": False}
    ]

    # The terminologist fixes a term and adds one; the translator delivers the first document.
    Term.objects.filter(source_term="safety valve").update(target_term="Überdruckventil")
    Term.objects.create(glossary=Glossary.objects.get(client=acme), source_term="fan filter", target_term="Lüfterfilter")
    first.segments.filter(position=0).update(target_text="Prüfen Sie das Überdruckventil jede Woche.", confirmed=True)
    first.segments.filter(position=1).update(target_text="Reinigen Sie den Lüfterfilter.", confirmed=True)
    assert update_memory_from_document(first.id) == {"created": 2, "updated": 0, "unchanged": 0}

    second = Document.objects.create(client=acme, name="b.txt", source_language="en", target_language="de",
                                     source_text=text + "\nCheck the safety valve every month.")
    stats = pretranslate_document(second.id)

    segments = list(second.segments.order_by("position"))
    assert [s.match for s in segments] == ["exact", "exact", "exact", "fuzzy"]
    assert segments[0].target_text == "Prüfen Sie das Überdruckventil jede Woche."
    assert segments[1].target_text == "Reinigen Sie den Lüfterfilter."
    assert segments[0].terms == [{"source": "safety valve", "target": "Überdruckventil", "forbidden": False}]
    assert segments[1].terms == [{"source": "fan filter", "target": "Lüfterfilter", "forbidden": False}]
    assert stats["words_exact"] == 6 + 4 + 6 and stats["words_fuzzy"] == 6

    # A corrected translation replaces the TM unit and the next job uses it.
    second.segments.filter(position=0).update(target_text="Prüfen Sie wöchentlich das Überdruckventil.", confirmed=True)
    assert update_memory_from_document(second.id)["updated"] == 1
    third = Document.objects.create(client=acme, name="c.txt", source_language="en", target_language="de",
                                    source_text="Check the safety valve every week.")
    pretranslate_document(third.id)
    assert third.segments.get().target_text == "Prüfen Sie wöchentlich das Überdruckventil."
