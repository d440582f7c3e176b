from surveys.jobs.season_report import SpeciesFigures, load_captures, run


def test_legacy_season(spark, legacy_2021):
    figures = run(spark, [legacy_2021], [], 2021)
    assert figures["ACRSCI"] == SpeciesFigures("ACRSCI", 2, 1, 0, 1, None)
    assert figures["TURMER"] == SpeciesFigures("TURMER", 1, 1, 0, 0, None)


def test_first_app_season_links_legacy_rings(spark, legacy_2021, app_2022):
    figures = run(spark, [legacy_2021], [app_2022], 2022)
    assert figures == {
        "ACRSCI": SpeciesFigures("ACRSCI", 1, 1, 1, 0, 1),
        "TURMER": SpeciesFigures("TURMER", 0, 0, 1, 0, 1),
        "ERIRUB": SpeciesFigures("ERIRUB", 1, 0, 0, 0, None),
    }


def test_load_captures_needs_files(spark):
    import pytest

    with pytest.raises(ValueError):
        load_captures(spark)
