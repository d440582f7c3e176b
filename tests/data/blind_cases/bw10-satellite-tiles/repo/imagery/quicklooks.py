"""Overview tiles for the scene quicklook shown in the portal's scene list."""
import logging
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings

from orbitgrid.db import closes_db_connections

from .grid import tiles_for_bbox
from .models import OverviewTile, Scene
from .raster import TileReadError, get_reader, mean_brightness, tile_statistics

logger = logging.getLogger(__name__)


@closes_db_connections
def render_overview_tile(scene_pk, z, x, y, reader=None):
    scene = Scene.objects.get(pk=scene_pk)
    reader = reader or get_reader()
    try:
        pixels = reader.read(scene.archive_key, z, x, y)
    except TileReadError as exc:
        logger.warning("overview %s/%s/%s of %s skipped: %s", z, x, y, scene, exc)
        return False
    OverviewTile.objects.update_or_create(
        scene=scene,
        z=z,
        x=x,
        y=y,
        defaults={"mean_brightness": mean_brightness(pixels), "checksum": tile_statistics(pixels).checksum},
    )
    return True


def build_quicklook(scene, reader=None):
    zoom = min(settings.IMAGERY_OVERVIEW_ZOOM, scene.zoom)
    coords = tiles_for_bbox(scene.bbox, zoom)
    with ThreadPoolExecutor(max_workers=settings.IMAGERY_OVERVIEW_WORKERS, thread_name_prefix="quicklook") as pool:
        done = list(pool.map(lambda xy: render_overview_tile(scene.pk, zoom, xy[0], xy[1], reader), coords))
    logger.info("quicklook for %s: %s of %s overview tiles", scene, sum(done), len(coords))
    return sum(done)
