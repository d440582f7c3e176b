"""Acceptance tests: processing a scene must not leave database connections
open behind it.

The tile worker is a long-running process that handles one scene after the
other; every connection a job opens from a helper thread and leaves open stays
open on the database server until the process exits. The tests record every
database connection opened outside the main thread while the job runs and
check that all of them have been closed once the job returns.
"""
import threading

import pytest
from django.db.backends.signals import connection_created

from imagery.jobs import process_scene
from imagery.models import Scene, Tile
from imagery.raster import SyntheticReader

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread_connections():
    main = threading.main_thread()
    opened = []
    lock = threading.Lock()

    def record(sender, connection, **kwargs):
        current = threading.current_thread()
        if current is not main:
            with lock:
                opened.append((current.name, connection))

    connection_created.connect(record, weak=False, dispatch_uid="acceptance-thread-connections")
    try:
        yield opened
    finally:
        connection_created.disconnect(dispatch_uid="acceptance-thread-connections")
        # do not leak into the next test whatever happened
        for _, wrapper in opened:
            if wrapper.connection is not None:
                wrapper.connection.close()
                wrapper.connection = None


def _still_open(opened):
    return sorted(name for name, wrapper in opened if wrapper.connection is not None)


def test_processing_a_scene_closes_the_connections_of_its_threads(make_scene, thread_connections):
    scene = make_scene()

    process_scene(scene.pk)

    scene.refresh_from_db()
    assert scene.status == Scene.Status.READY
    assert scene.tiles.filter(status=Tile.Status.DONE).count() == 9
    assert _still_open(thread_connections) == [], (
        "database connections opened by worker threads are still open after the job finished"
    )


def test_connections_are_closed_when_tiles_fail_to_read(make_scene, thread_connections):
    scene = make_scene()
    broken = list(scene.tiles.all()[:2])
    SyntheticReader.broken = {(scene.archive_key, t.z, t.x, t.y) for t in broken}

    process_scene(scene.pk)

    scene.refresh_from_db()
    assert scene.status == Scene.Status.PARTIAL
    assert scene.tiles.filter(status=Tile.Status.FAILED).count() == 2
    assert _still_open(thread_connections) == []


def test_a_long_running_worker_does_not_accumulate_connections(make_scene, thread_connections):
    bboxes = [
        (13.30, 52.45, 13.50, 52.58),
        (8.50, 47.30, 8.62, 47.42),
        (11.50, 48.10, 11.62, 48.20),
    ]
    scenes = [make_scene(scene_id=f"S2A_MSIL2A_2024051{i}T101559", bbox=bbox) for i, bbox in enumerate(bboxes)]

    for scene in scenes:
        process_scene(scene.pk)
        assert _still_open(thread_connections) == [], f"connections left open after scene {scene.scene_id}"

    for scene in scenes:
        scene.refresh_from_db()
        assert scene.status == Scene.Status.READY
        assert not scene.tiles.exclude(status=Tile.Status.DONE).exists()
