import pytest
from django.core.management import call_command

from delivery.models import DeliveryNotice, Subscription
from delivery.webhooks import MemorySender
from imagery.jobs import process_scene
from imagery.models import ProcessingRun, Scene, Tile
from imagery.raster import SyntheticReader

pytestmark = pytest.mark.django_db(transaction=True)


def test_process_scene_renders_every_tile(make_scene):
    scene = make_scene()

    result = process_scene(scene.pk)

    scene.refresh_from_db()
    assert result == {"scene": scene.scene_id, "status": "ready", "ok": 9, "failed": 0}
    assert scene.status == Scene.Status.READY
    assert scene.attempts == 1
    assert not scene.tiles.exclude(status=Tile.Status.DONE).exists()
    tile = scene.tiles.first()
    assert 0 <= tile.cloud_fraction <= 1
    assert len(tile.checksum) == 64
    assert scene.cloud_cover is not None
    assert scene.overviews.count() == 4
    run = ProcessingRun.objects.get(scene=scene)
    assert (run.status, run.tiles_total, run.tiles_ok) == ("finished", 9, 9)


def test_unreadable_tiles_leave_the_scene_partial(make_scene):
    scene = make_scene()
    first, second = scene.tiles.all()[:2]
    SyntheticReader.broken = {(scene.archive_key, t.z, t.x, t.y) for t in (first, second)}

    process_scene(scene.pk)

    scene.refresh_from_db()
    assert scene.status == Scene.Status.PARTIAL
    failed = scene.tiles.filter(status=Tile.Status.FAILED)
    assert set(failed.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert "checksum mismatch" in failed.first().error

    SyntheticReader.broken = set()
    call_command("reprocess_scene", scene.scene_id, "--failed-only", "--now")
    scene.refresh_from_db()
    assert scene.status == Scene.Status.READY
    assert ProcessingRun.objects.filter(scene=scene).first().tiles_total == 2


def test_ready_scene_is_delivered_to_matching_subscribers(make_scene):
    inside = Subscription.objects.create(
        customer="agri-berlin", webhook_url="https://hooks.example/agri",
        min_lon=13.35, min_lat=52.50, max_lon=13.40, max_lat=52.55, max_cloud_cover=1.0,
    )
    Subscription.objects.create(
        customer="alps", webhook_url="https://hooks.example/alps",
        min_lon=8.0, min_lat=46.0, max_lon=9.0, max_lat=47.0, max_cloud_cover=1.0,
    )
    scene = make_scene()

    process_scene(scene.pk)

    assert [url for url, _ in MemorySender.sent] == ["https://hooks.example/agri"]
    notice = DeliveryNotice.objects.get()
    assert (notice.subscription_id, notice.status, notice.attempts) == (inside.pk, "sent", 1)


def test_superseded_scene_is_skipped(make_scene):
    old = make_scene(scene_id="S2B_OLD")
    new = make_scene(scene_id="S2B_NEW")
    old.refresh_from_db()
    assert old.superseded_by_id == new.pk

    assert process_scene(old.pk) is None
    assert not old.tiles.filter(status=Tile.Status.DONE).exists()
