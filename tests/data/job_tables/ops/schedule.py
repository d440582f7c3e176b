"""What runs when: name -> (callable, APScheduler trigger, trigger arguments)."""
from ops.jobs import purge_job, report_job

JOBS = {
    "purge-expired": (purge_job, "interval", {"minutes": 5}),
    "daily-report": (report_job, "cron", {"hour": 6}),
}
