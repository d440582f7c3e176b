from datetime import timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from django.utils import timezone

from imagery import maintenance
from imagery.models import ProcessingRun, Scene
from orbitgrid import queues
from orbitgrid.scheduler import build_scheduler


@pytest.mark.django_db
def test_stuck_runs_expire_and_fail_their_scene(make_scene):
    scene = make_scene()
    Scene.objects.filter(pk=scene.pk).update(status=Scene.Status.PROCESSING)
    run = ProcessingRun.objects.create(scene=scene)
    fresh = ProcessingRun.objects.create(scene=make_scene(scene_id="S2B_OTHER", bbox=(8.5, 47.3, 8.62, 47.42)))

    assert maintenance.expire_stuck_runs(now=timezone.now() + timedelta(hours=2)) == 2
    assert maintenance.expire_stuck_runs(now=timezone.now()) == 0
    run.refresh_from_db()
    fresh.refresh_from_db()
    assert run.status == fresh.status == ProcessingRun.Status.EXPIRED
    assert Scene.objects.get(pk=scene.pk).status == Scene.Status.FAILED


@pytest.mark.django_db
def test_failed_scenes_are_requeued_until_attempts_run_out(make_scene, monkeypatch):
    calls = []
    monkeypatch.setattr(queues, "enqueue", lambda func, *a, **kw: calls.append(a[0]))
    retry = make_scene(scene_id="S2B_RETRY")
    spent = make_scene(scene_id="S2B_SPENT", bbox=(8.5, 47.3, 8.62, 47.42))
    Scene.objects.filter(pk=retry.pk).update(status=Scene.Status.FAILED, attempts=1)
    Scene.objects.filter(pk=spent.pk).update(status=Scene.Status.FAILED, attempts=3)

    assert maintenance.requeue_failed_scenes() == 1
    assert calls == [retry.pk]


@pytest.mark.django_db
def test_purge_superseded_tiles(make_scene):
    old = make_scene(scene_id="S2B_OLD")
    make_scene(scene_id="S2B_NEW")
    assert maintenance.purge_superseded_tiles(now=old.acquired_at + timedelta(days=10)) == 0
    assert maintenance.purge_superseded_tiles(now=old.acquired_at + timedelta(days=31)) == 9
    assert old.tiles.count() == 0


def test_scheduler_has_the_maintenance_jobs():
    scheduler = build_scheduler(BackgroundScheduler)
    assert {job.id for job in scheduler.get_jobs()} == {
        "expire-stuck-runs", "requeue-failed-scenes", "purge-superseded-tiles",
    }
