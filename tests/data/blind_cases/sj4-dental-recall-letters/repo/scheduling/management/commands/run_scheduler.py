from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.core.management.base import BaseCommand

from scheduling import registry


def build_scheduler(scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone=settings.TIME_ZONE, job_defaults={"coalesce": True, "max_instances": 1})
    for job in registry.load_jobs().values():
        if job.every is not None:
            trigger = IntervalTrigger(seconds=job.every.total_seconds(), timezone=settings.TIME_ZONE)
        else:
            trigger = CronTrigger(timezone=settings.TIME_ZONE, **job.cron)
        scheduler.add_job(registry.run, trigger, args=[job.name], id=job.name, name=job.name,
                          misfire_grace_time=3600, replace_existing=True)
    return scheduler


class Command(BaseCommand):
    help = "Run the registered periodic jobs (blocking; systemd unit smileline-scheduler)."

    def handle(self, *args, **options):
        scheduler = build_scheduler()
        for job in scheduler.get_jobs():
            self.stdout.write(f"scheduled {job.id}: {job.trigger}")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
