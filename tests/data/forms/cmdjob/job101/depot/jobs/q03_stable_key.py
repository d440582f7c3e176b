from apscheduler.schedulers.blocking import BlockingScheduler

from depot.models import JobState

scheduler = BlockingScheduler(timezone="Europe/Berlin")


@scheduler.scheduled_job("cron", hour=2)
def stable_key():
    state, _ = JobState.objects.get_or_create(name="weekly-digest")
    return state.running
