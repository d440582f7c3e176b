"""Rendering of a single map tile.

``render_tile`` is the unit of work of the tile pool (see
``imagery.services.process_scene_tiles``): it reads the tile's pixels from the
archive, computes the statistics the portal filters on and stores them on the
Tile row.
"""
import logging
from dataclasses import dataclass

from django.utils import timezone

from .models import Tile
from .raster import TileReadError, get_reader, tile_statistics

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TileResult:
    tile_id: int
    ok: bool
    cloud_fraction: float | None = None
    valid_ratio: float | None = None
    error: str = ""


def render_tile(tile_id, reader=None):
    tile = Tile.objects.select_related("scene").get(pk=tile_id)
    reader = reader or get_reader()
    try:
        pixels = reader.read(tile.scene.archive_key, tile.z, tile.x, tile.y)
    except TileReadError as exc:
        logger.warning("tile %s could not be read: %s", tile, exc)
        Tile.objects.filter(pk=tile_id).update(
            status=Tile.Status.FAILED, error=str(exc)[:1000], rendered_at=timezone.now()
        )
        return TileResult(tile_id, ok=False, error=str(exc))

    stats = tile_statistics(pixels)
    tile.cloud_fraction = stats.cloud_fraction
    tile.ndvi_mean = stats.ndvi_mean
    tile.valid_ratio = stats.valid_ratio
    tile.checksum = stats.checksum
    tile.status = Tile.Status.DONE
    tile.error = ""
    tile.rendered_at = timezone.now()
    tile.save(
        update_fields=["cloud_fraction", "ndvi_mean", "valid_ratio", "checksum", "status", "error", "rendered_at"]
    )
    return TileResult(tile_id, ok=True, cloud_fraction=stats.cloud_fraction, valid_ratio=stats.valid_ratio)
