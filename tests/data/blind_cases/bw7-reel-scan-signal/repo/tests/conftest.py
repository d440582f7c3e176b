import pytest

from collection.models import Film, Reel
from digitisation.models import Scanner

DBS = ["default", "collections"]


@pytest.fixture
def film(db):
    f = Film.objects.create(accession_no="NL-1931-044", title="Regen", year=1929)
    Reel.objects.create(film=f, number=1, gauge=Reel.Gauge.MM35, base=Reel.Base.NITRATE, footage_ft=900)
    Reel.objects.create(film=f, number=2, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=1000)
    Reel.objects.create(film=f, number=3, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=450,
                        vinegar_syndrome=True)
    Reel.objects.create(film=f, number=4, gauge=Reel.Gauge.MM35, base=Reel.Base.ACETATE, footage_ft=800,
                        on_loan=True)
    return f


@pytest.fixture
def scanners(db):
    return [
        Scanner.objects.create(name="Scanity HDR", gauges="35mm,16mm", weekly_capacity_minutes=600),
        Scanner.objects.create(name="Lasergraphics nitrate", gauges="35mm", nitrate_rated=True,
                               weekly_capacity_minutes=300),
    ]
