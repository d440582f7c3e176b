"""RQ jobs of the imagery pipeline (queue "tiles")."""
import logging

from orbitgrid import queues

from .models import Scene
from .quicklooks import build_quicklook
from .services import process_scene_tiles

logger = logging.getLogger(__name__)


def process_scene(scene_pk, only_failed=False):
    """Tile a scene, build its quicklook and hand it to delivery when usable."""
    scene = Scene.objects.filter(pk=scene_pk).first()
    if scene is None:
        logger.warning("scene %s vanished before processing", scene_pk)
        return None
    if scene.superseded_by_id:
        logger.info("scene %s is superseded by %s, skipping", scene, scene.superseded_by_id)
        return None

    run = process_scene_tiles(scene, only_failed=only_failed)
    scene.refresh_from_db()
    if scene.status in (Scene.Status.READY, Scene.Status.PARTIAL):
        build_quicklook(scene)
        from delivery.jobs import notify_subscribers

        queues.enqueue(notify_subscribers, scene.pk, queue_name=queues.DELIVERY)
    return {"scene": scene.scene_id, "status": scene.status, "ok": run.tiles_ok, "failed": run.tiles_failed}


def rebuild_quicklook(scene_pk):
    scene = Scene.objects.get(pk=scene_pk)
    return build_quicklook(scene)
