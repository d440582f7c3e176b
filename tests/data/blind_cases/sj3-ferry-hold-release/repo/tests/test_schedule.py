from bookings.management.commands.run_scheduler import build_scheduler


def test_all_jobs_registered():
    scheduler = build_scheduler()
    ids = sorted(job.id for job in scheduler.get_jobs())
    assert ids == ["advance_sailings", "release_holds", "send_manifests"]
    for job in scheduler.get_jobs():
        assert job.max_instances == 1
