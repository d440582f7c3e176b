import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone

from django.conf import settings
from django.db import transaction
from django.db.models import Avg, Q
from django.utils import timezone

from .grid import tiles_for_bbox
from .models import ProcessingRun, Scene, Tile
from .tiling import TileResult, render_tile

logger = logging.getLogger(__name__)


class ManifestError(ValueError):
    pass


@dataclass(frozen=True)
class SceneItem:
    scene_id: str
    platform: str
    acquired_at: datetime
    bbox: tuple
    archive_key: str
    cloud_cover: float | None


def parse_manifest_item(item):
    """One STAC-like item of the provider manifest -> SceneItem."""
    try:
        scene_id = item["id"]
        props = item.get("properties", {})
        acquired_at = datetime.fromisoformat(props["datetime"].replace("Z", "+00:00"))
        bbox = tuple(float(v) for v in item["bbox"])
        archive_key = item["assets"]["tiles"]["href"].strip("/")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ManifestError(f"item {item.get('id', '?') if isinstance(item, dict) else '?'}: {exc!r}") from exc
    if len(bbox) != 4:
        raise ManifestError(f"item {scene_id}: bbox needs 4 values, got {len(bbox)}")
    if timezone.is_naive(acquired_at):
        acquired_at = timezone.make_aware(acquired_at, dt_timezone.utc)
    cloud = props.get("eo:cloud_cover")
    return SceneItem(
        scene_id=scene_id,
        platform=props.get("platform", "unknown"),
        acquired_at=acquired_at,
        bbox=bbox,
        archive_key=archive_key,
        cloud_cover=float(cloud) / 100 if cloud is not None else None,
    )


@transaction.atomic
def register_scene(item, zoom=None):
    """Create the scene and its tile rows; returns (scene, created)."""
    zoom = zoom or settings.IMAGERY_TILE_ZOOM
    min_lon, min_lat, max_lon, max_lat = item.bbox
    scene, created = Scene.objects.get_or_create(
        scene_id=item.scene_id,
        defaults={
            "platform": item.platform,
            "acquired_at": item.acquired_at,
            "min_lon": min_lon,
            "min_lat": min_lat,
            "max_lon": max_lon,
            "max_lat": max_lat,
            "archive_key": item.archive_key,
            "reported_cloud_cover": item.cloud_cover,
            "zoom": zoom,
        },
    )
    if created:
        plan_tiles(scene)
        # a newer processing baseline of the same footprint and day replaces the old product
        Scene.objects.filter(
            platform=scene.platform,
            acquired_at=scene.acquired_at,
            min_lon=min_lon,
            min_lat=min_lat,
            max_lon=max_lon,
            max_lat=max_lat,
            superseded_by__isnull=True,
        ).exclude(pk=scene.pk).update(superseded_by=scene)
    return scene, created


def plan_tiles(scene):
    coords = tiles_for_bbox(scene.bbox, scene.zoom)
    Tile.objects.bulk_create(
        [Tile(scene=scene, z=scene.zoom, x=x, y=y) for x, y in coords], ignore_conflicts=True
    )
    return len(coords)


def process_scene_tiles(scene, *, only_failed=False, reader=None):
    """Render the scene's tiles on a thread pool and record the outcome."""
    tiles = scene.tiles.all()
    if only_failed:
        tiles = tiles.filter(status=Tile.Status.FAILED)
    else:
        tiles = tiles.filter(~Q(status=Tile.Status.DONE))
    tile_ids = list(tiles.values_list("pk", flat=True))
    run = ProcessingRun.objects.create(scene=scene, only_failed=only_failed, tiles_total=len(tile_ids))
    Scene.objects.filter(pk=scene.pk).update(status=Scene.Status.PROCESSING, attempts=scene.attempts + 1)
    logger.info("scene %s: rendering %s tiles with %s threads", scene, len(tile_ids), settings.IMAGERY_TILE_WORKERS)

    results = []
    with ThreadPoolExecutor(max_workers=settings.IMAGERY_TILE_WORKERS, thread_name_prefix="tiles") as pool:
        futures = {pool.submit(render_tile, tile_id, reader): tile_id for tile_id in tile_ids}
        for future in as_completed(futures):
            tile_id = futures[future]
            try:
                results.append(future.result())
            except Exception as exc:
                logger.exception("tile %s of scene %s crashed", tile_id, scene)
                Tile.objects.filter(pk=tile_id).update(status=Tile.Status.FAILED, error=repr(exc)[:1000])
                results.append(TileResult(tile_id, ok=False, error=repr(exc)))

    run.tiles_ok = sum(1 for r in results if r.ok)
    run.tiles_failed = len(results) - run.tiles_ok
    run.status = ProcessingRun.Status.FINISHED
    run.finished_at = timezone.now()
    run.save(update_fields=["tiles_ok", "tiles_failed", "status", "finished_at"])
    finalize_scene(scene)
    return run


def finalize_scene(scene):
    counts = {
        status: scene.tiles.filter(status=status).count()
        for status in (Tile.Status.DONE, Tile.Status.FAILED, Tile.Status.PENDING)
    }
    total = sum(counts.values())
    failed = counts[Tile.Status.FAILED] + counts[Tile.Status.PENDING]
    if total and failed == 0:
        status = Scene.Status.READY
    elif total and failed / total <= settings.IMAGERY_MAX_FAILED_SHARE:
        status = Scene.Status.PARTIAL
    else:
        status = Scene.Status.FAILED
    cloud = scene.tiles.filter(status=Tile.Status.DONE).aggregate(avg=Avg("cloud_fraction"))["avg"]
    Scene.objects.filter(pk=scene.pk).update(
        status=status,
        cloud_cover=round(cloud, 4) if cloud is not None else None,
        processed_at=timezone.now(),
    )
    scene.refresh_from_db()
    logger.info("scene %s is %s (%s/%s tiles ok)", scene, status, counts[Tile.Status.DONE], total)
    return scene
