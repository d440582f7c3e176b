"""What runs when. Used by `manage.py run_scheduler` and `manage.py run_job`."""
from bookings.jobs import release_holds_job, send_manifests_job
from fleet.jobs import advance_sailings_job

# name -> (callable, APScheduler trigger name, trigger arguments)
JOBS = {
    "release_holds": (release_holds_job, "interval", {"minutes": 5}),
    "send_manifests": (send_manifests_job, "cron", {"minute": "*/10"}),
    "advance_sailings": (advance_sailings_job, "cron", {"minute": "*"}),
}
