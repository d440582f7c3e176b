import json

import pytest

from imagery.raster import ArchiveReader, SyntheticReader, TilePixels, TileReadError, tile_statistics


def _pixels(rows):
    bands = {b: [r[i] for r in rows] for i, b in enumerate(("red", "green", "blue", "nir"))}
    return TilePixels(size=2, bands=bands)


def test_tile_statistics_counts_clouds_and_nodata():
    pixels = _pixels([
        (0.05, 0.06, 0.04, 0.45),   # vegetation
        (0.80, 0.82, 0.81, 0.70),   # cloud
        (None, None, None, None),   # nodata
        (0.10, 0.12, 0.08, 0.30),   # field
    ])
    stats = tile_statistics(pixels, cloud_brightness=0.55)
    assert stats.valid_ratio == 0.75
    assert stats.cloud_fraction == round(1 / 3, 4)
    assert stats.ndvi_mean == round(((0.45 - 0.05) / 0.5 + (0.30 - 0.10) / 0.4) / 2, 4)
    assert len(stats.checksum) == 64


def test_synthetic_reader_is_deterministic():
    a = SyntheticReader().read("s2/X", 12, 1, 2)
    b = SyntheticReader().read("s2/X", 12, 1, 2)
    assert a == b
    assert SyntheticReader().read("s2/X", 12, 1, 3) != a


def test_archive_reader(tmp_path):
    path = tmp_path / "s2" / "X" / "12" / "1"
    path.mkdir(parents=True)
    doc = {"size": 1, "bands": {"red": [0.1], "green": [0.1], "blue": [0.1], "nir": [0.3]}}
    (path / "2.json").write_text(json.dumps(doc), encoding="utf-8")
    (path / "3.json").write_text(json.dumps({"size": 2, "bands": doc["bands"]}), encoding="utf-8")

    reader = ArchiveReader(root=tmp_path)
    assert reader.read("s2/X", 12, 1, 2).bands["nir"] == [0.3]
    with pytest.raises(TileReadError, match="band length"):
        reader.read("s2/X", 12, 1, 3)
    with pytest.raises(TileReadError, match="missing"):
        reader.read("s2/X", 12, 1, 4)
