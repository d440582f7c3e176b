import csv

import pytest
from typer.testing import CliRunner

from library.catalogue import CatalogueError, parse_parts, voice_for_label
from library.models import Part, Score
from tools.choirlib import app

runner = CliRunner()

NEW_SCORES = (
    "catalogue_no,title,composer,arranger,voicing,publisher,parts\n"
    "P-021,Magnificat,Arvo Pärt,,SSATB,Universal Edition,Soprano 1:4; Soprano 2:4; Alto:3; Tenor:2; Bass:2\n"
    "G-003,Totus Tuus,Henryk Górecki,,SATB div.,Boosey & Hawkes,Vocal score:12\n"
)


def test_parse_parts():
    assert parse_parts("Soprano:12; Alto:10;Vocal score:3;") == [("Soprano", 12), ("Alto", 10),
                                                                  ("Vocal score", 3)]
    assert parse_parts("") == []
    with pytest.raises(CatalogueError):
        parse_parts("Soprano")
    with pytest.raises(CatalogueError):
        parse_parts("Alto:ten")


def test_voice_for_label():
    assert voice_for_label("Soprano 2") == "S"
    assert voice_for_label("Baritone solo") == "B"
    assert voice_for_label("Vocal score") == ""


@pytest.mark.django_db
def test_import_scores(tmp_path):
    src = tmp_path / "from-publisher.csv"
    src.write_text("\ufeff" + NEW_SCORES, encoding="utf-8")

    result = runner.invoke(app, ["import-scores", str(src)])

    assert result.exit_code == 0, result.output
    assert "imported 2 new and 0 updated" in result.output
    part = Score.objects.get(catalogue_no="P-021")
    assert part.composer == "Arvo Pärt"
    assert Part.objects.get(score__catalogue_no="P-021", label="Soprano 2").copies.count() == 4
    assert Part.objects.get(score__catalogue_no="G-003", label="Vocal score").voice == ""


@pytest.mark.django_db
def test_import_rejects_whole_file_on_bad_row(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text(NEW_SCORES + "X-1,,Nobody,,SATB,,Alto:1\n", encoding="utf-8")

    result = runner.invoke(app, ["import-scores", str(src)])

    assert result.exit_code == 1
    assert "line 4" in result.output
    assert Score.objects.count() == 0


def test_export_catalogue(media_root, scores):
    result = runner.invoke(app, ["export-catalogue"])

    assert result.exit_code == 0, result.output
    with open(media_root / "exports" / "catalogue.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "catalogue_no"
    assert rows[1][:3] == ["D-014", "Stabat Mater", "Antonín Dvořák"]
    assert rows[1][6] == "Alto:2; Bass:2; Soprano:3; Tenor:2"


def test_catalogue_round_trip(media_root, scores):
    runner.invoke(app, ["export-catalogue", "--name", "backup.csv"])
    Score.objects.all().delete()

    result = runner.invoke(app, ["import-scores", str(media_root / "exports" / "backup.csv")])

    assert result.exit_code == 0, result.output
    assert Score.objects.get(catalogue_no="F-002").parts.get().copies.count() == 6


def test_export_catalogue_rejects_paths(media_root, scores):
    result = runner.invoke(app, ["export-catalogue", "--name", "../../etc/x.csv"])
    assert result.exit_code == 2
