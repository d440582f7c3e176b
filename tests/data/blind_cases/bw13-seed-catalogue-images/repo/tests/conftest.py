import pytest

from catalogue.models import Species, Variety, VarietyImage


@pytest.fixture
def tomato(db):
    return Species.objects.create(latin_name="Solanum lycopersicum", common_name="Tomato", family="Solanaceae")


@pytest.fixture
def make_variety(tomato):
    counter = {"n": 0}

    def _make(name=None, photos=(), **kwargs):
        counter["n"] += 1
        n = counter["n"]
        name = name or f"Heirloom {n}"
        variety = Variety.objects.create(species=kwargs.pop("species", tomato), name=name, slug=f"tomato-{n}",
                                         sku=f"TOM-{n:03d}", **kwargs)
        for position, url in enumerate(photos):
            VarietyImage.objects.create(
                variety=variety, source_url=url, position=position,
                role=VarietyImage.Role.PRIMARY if position == 0 else VarietyImage.Role.GALLERY,
            )
        return variety

    return _make
