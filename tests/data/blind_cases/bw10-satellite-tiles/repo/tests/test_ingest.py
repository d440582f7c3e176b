import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imagery.models import Scene, Tile
from orbitgrid import queues


def _item(scene_id, bbox, when="2024-05-17T10:15:59Z", cloud=12.5):
    return {
        "type": "Feature",
        "id": scene_id,
        "bbox": list(bbox),
        "properties": {"datetime": when, "platform": "sentinel-2b", "eo:cloud_cover": cloud},
        "assets": {"tiles": {"href": f"/s2/{scene_id}/"}},
    }


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(queues, "enqueue", lambda func, *a, **kw: calls.append((func.__name__, a, kw)))
    return calls


@pytest.mark.django_db
def test_ingest_registers_scenes_and_queues_tiling(tmp_path, queued):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"type": "FeatureCollection", "features": [
        _item("S2B_A", (13.30, 52.45, 13.50, 52.58)),
        _item("S2B_B", (8.50, 47.30, 8.62, 47.42), when="2024-05-17T10:20:00Z"),
        {"id": "broken", "properties": {}},
    ]}), encoding="utf-8")

    call_command("ingest_scenes", str(manifest))

    scene = Scene.objects.get(scene_id="S2B_A")
    assert scene.archive_key == "s2/S2B_A"
    assert scene.reported_cloud_cover == 0.125
    assert scene.tiles.count() == 9
    assert Tile.objects.filter(status=Tile.Status.PENDING).count() == 18
    assert [(name, kw["queue_name"]) for name, _, kw in queued] == [("process_scene", "tiles")] * 2

    # a second run of the same manifest changes nothing
    call_command("ingest_scenes", str(manifest))
    assert Scene.objects.count() == 2
    assert len(queued) == 2


@pytest.mark.django_db
def test_newer_baseline_supersedes_the_old_product(tmp_path, queued):
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps([
        _item("S2B_N0509", (13.30, 52.45, 13.50, 52.58)),
        _item("S2B_N0510", (13.30, 52.45, 13.50, 52.58)),
    ]), encoding="utf-8")

    call_command("ingest_scenes", str(manifest), "--no-process")

    old = Scene.objects.get(scene_id="S2B_N0509")
    assert old.superseded_by.scene_id == "S2B_N0510"
    assert queued == []


def test_missing_manifest_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("ingest_scenes", str(tmp_path / "nope.json"))
