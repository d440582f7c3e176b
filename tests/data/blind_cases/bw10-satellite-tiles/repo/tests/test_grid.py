import pytest

from imagery.grid import bboxes_intersect, lonlat_to_tile, tile_bounds, tiles_for_bbox


def test_lonlat_to_tile_known_values():
    assert lonlat_to_tile(0, 0, 0) == (0, 0)
    assert lonlat_to_tile(13.4, 52.5, 12) == (2200, 1343)


def test_tile_bounds_contain_the_point():
    min_lon, min_lat, max_lon, max_lat = tile_bounds(2200, 1343, 12)
    assert min_lon <= 13.4 <= max_lon
    assert min_lat <= 52.5 <= max_lat


def test_tiles_for_bbox_covers_the_box_row_by_row():
    tiles = tiles_for_bbox((13.30, 52.45, 13.50, 52.58), 12)
    assert len(tiles) == 9
    assert tiles[0][1] <= tiles[-1][1]
    assert len(set(tiles)) == len(tiles)


def test_invalid_bbox_is_rejected():
    with pytest.raises(ValueError):
        tiles_for_bbox((14.0, 52.0, 13.0, 53.0), 12)


def test_bboxes_intersect():
    assert bboxes_intersect((0, 0, 2, 2), (1, 1, 3, 3))
    assert not bboxes_intersect((0, 0, 1, 1), (2, 2, 3, 3))
