from datetime import date

from surveys.loaders import CAPTURE_COLUMNS, load_app_captures, load_legacy_captures


def test_legacy_layout(spark, legacy_2021):
    df = load_legacy_captures(spark, legacy_2021)
    assert df.columns == CAPTURE_COLUMNS
    rows = df.collect()
    assert len(rows) == 6
    first = rows[0].asDict()
    assert first == {"ring": "4012112", "species": "TURMER", "age": "3", "sex": "M", "wing_mm": 131.0,
                     "mass_g": 98.5, "capture_date": date(2021, 5, 12), "site_code": "WBK-N", "ringer": "R004",
                     "capture_type": "new", "source": "ringbase"}
    assert [r["capture_type"] for r in rows] == ["new", "new", "new", "retrap", "retrap", "control"]
    assert rows[5]["ring"] == "AH55201"


def test_app_layout(spark, app_2022):
    df = load_app_captures(spark, app_2022)
    assert df.columns == CAPTURE_COLUMNS
    rows = df.collect()
    assert rows[0]["species"] == "ACRSCI"
    assert rows[0]["capture_date"] == date(2022, 5, 20)
    assert {r["source"] for r in rows} == {"app"}
