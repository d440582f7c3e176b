import pytest
from django.core.management import CommandError, call_command

from catalog.models import Track

CSV_HEADER = "isrc,title,artist,duration_s,label_code,publisher_code,publisher_share_pct\n"


def test_track_isrc_stored_compact(catalog):
    assert Track.objects.filter(isrc="GBAYE0700001").exists()
    assert catalog["tracks"]["GBBTP1900042"].publisher_share_pct == 0  # no publisher, all to the label


def test_track_detail_view(client, catalog):
    response = client.get("/api/tracks/gb-aye-07-00001/")
    assert response.status_code == 200
    assert response.json()["publisher"] == "Harbour Songs"
    assert client.get("/api/tracks/GBXXX0000000/").status_code == 404


def test_import_catalog(tmp_path, catalog):
    path = tmp_path / "catalogue.csv"
    path.write_text(CSV_HEADER
                    + "GB-AYE-07-00001,Tidewater (Radio Edit),The Moorings,198,LBL1,PUB1,45\n"
                    + "FR-Z03-21-00777,Septembre,Les Quais,240,LBL2,,0\n", encoding="utf-8")
    call_command("import_catalog", str(path))
    assert Track.objects.get(isrc="GBAYE0700001").publisher_share_pct == 45
    assert Track.objects.get(isrc="FRZ032100777").label.society_code == "LBL2"


def test_import_catalog_rejects_unknown_label_and_writes_nothing(tmp_path, catalog):
    path = tmp_path / "catalogue.csv"
    path.write_text(CSV_HEADER
                    + "FR-Z03-21-00777,Septembre,Les Quais,240,LBL2,,0\n"
                    + "FR-Z03-21-00778,Octobre,Les Quais,251,NOPE,,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown label"):
        call_command("import_catalog", str(path))
    assert not Track.objects.filter(isrc="FRZ032100777").exists()
