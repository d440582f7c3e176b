from io import StringIO

import pytest
from django.core.management import call_command

from catalogue.models import Variety, VarietyImage

HEADER = "sku,variety,species_latin,species_common,family,days_to_maturity,organic,supplier_page,photo_url,packet_photo_url,active\n"


@pytest.fixture
def csv_file(tmp_path):
    def _write(*lines):
        path = tmp_path / "catalogue.csv"
        path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
        return str(path)
    return _write


@pytest.mark.django_db
def test_import_creates_varieties_and_photo_rows(csv_file):
    path = csv_file(
        "BEA-014,Cherokee Trail of Tears,Phaseolus vulgaris,Bean,Fabaceae,85,y,https://realseeds.example/b14,"
        "https://cdn.realseeds.example/b14.jpg,https://cdn.realseeds.example/b14-packet.jpg,y",
    )
    out = StringIO()
    call_command("import_varieties", path, stdout=out)

    variety = Variety.objects.get(sku="BEA-014")
    assert variety.is_organic and variety.days_to_maturity == 85
    roles = dict(variety.images.values_list("role", "status"))
    assert roles == {VarietyImage.Role.PRIMARY: "pending", VarietyImage.Role.PACKET: "pending"}
    assert "1 created, 0 updated, 1 with new photos" in out.getvalue()


@pytest.mark.django_db
def test_changed_photo_url_replaces_the_old_row(csv_file):
    call_command("import_varieties", csv_file(
        "PEA-002,Alderman,Pisum sativum,Pea,Fabaceae,,,,https://cdn.realseeds.example/p2.jpg,,y"), stdout=StringIO())
    call_command("import_varieties", csv_file(
        "PEA-002,Alderman,Pisum sativum,Pea,Fabaceae,,,,https://cdn.realseeds.example/p2-2024.jpg,,y"),
        stdout=StringIO())

    variety = Variety.objects.get(sku="PEA-002")
    assert list(variety.images.values_list("source_url", flat=True)) == ["https://cdn.realseeds.example/p2-2024.jpg"]


@pytest.mark.django_db
def test_dry_run_saves_nothing(csv_file):
    call_command("import_varieties", csv_file(
        "PEA-003,Kelvedon Wonder,Pisum sativum,Pea,Fabaceae,,,,,,y"), "--dry-run", stdout=StringIO())
    assert not Variety.objects.exists()
