import pytest

from glossary.jobs import import_glossary_csv
from glossary.services import GlossaryIndex, TermHit, term_tokens

CSV = """source_term,target_term,part_of_speech,forbidden,note
safety valve,Sicherheitsventil,noun,,
valve,Ventil,noun,,
machine,Maschine,noun,,
machine,Apparat,noun,yes,do not use
,Leer,,,
"""


@pytest.mark.django_db
def test_csv_import_creates_and_updates(glossary):
    result = import_glossary_csv(glossary.id, CSV)
    assert result == {"created": 3, "updated": 1, "unchanged": 0, "removed": 0}
    machine = glossary.terms.get(source_term="machine")
    assert machine.target_term == "Apparat" and machine.forbidden

    result = import_glossary_csv(glossary.id, "source_term,target_term\nvalve,Ventil\n", replace=True)
    assert result["removed"] == 2
    assert list(glossary.terms.values_list("source_term", flat=True)) == ["valve"]


@pytest.mark.django_db
def test_longest_term_wins(glossary, add_term):
    add_term("safety valve", "Sicherheitsventil")
    add_term("valve", "Ventil")
    add_term("pressure", "Druck")
    index = GlossaryIndex.load(glossary.client_id, "en", "de")
    hits = index.find(term_tokens("Check the safety valve and the pressure valve."))
    assert hits == [
        TermHit("safety valve", "Sicherheitsventil", False),
        TermHit("pressure", "Druck", False),
        TermHit("valve", "Ventil", False),
    ]


@pytest.mark.django_db
def test_inactive_glossaries_and_other_pairs_are_ignored(glossary, add_term):
    add_term("valve", "Ventil")
    assert GlossaryIndex.load(glossary.client_id, "en", "fr").size == 0
    glossary.is_active = False
    glossary.save()
    assert GlossaryIndex.load(glossary.client_id, "en", "de").size == 0
