from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import JobState

scheduler = BlockingScheduler(timezone="Europe/Berlin")


def register_state():
    JobState.objects.get_or_create(name="nightly-export", defaults={"running": False})


scheduler.add_job(register_state, "cron", hour=3, minute=30)
