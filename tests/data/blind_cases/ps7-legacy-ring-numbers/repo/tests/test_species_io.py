import io

import pytest

from ringing.models import Species
from ringing.species_io import import_species, read_species

LIST = """code;euring;name;scientific_name;ring_size
acrsci;12510;Eurasian Reed Warbler;Acrocephalus scirpaceus;AA
TURMER;11870;Common Blackbird;Turdus merula;L
ERIRUB;10990;European Robin;Erithacus rubecula;V
"""


@pytest.mark.django_db
def test_import_species_twice():
    assert import_species(read_species(io.StringIO(LIST))) == (3, 0)
    assert import_species(read_species(io.StringIO(LIST))) == (0, 3)
    assert Species.objects.get(code="ACRSCI").ring_size == "AA"


def test_bad_header():
    with pytest.raises(ValueError):
        list(read_species(io.StringIO("a;b\n")))
