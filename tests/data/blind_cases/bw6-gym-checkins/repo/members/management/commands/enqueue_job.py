"""Put one of the background jobs on its queue right now (for the ops runbook)."""
from django.core.management.base import BaseCommand, CommandError

from cruxgym.queues import enqueue

JOBS = {
    "activity": ("access.jobs.rebuild_member_activity", "nightly"),
    "export": ("access.jobs.export_checkins", "nightly"),
    "purge": ("access.jobs.purge_old_checkins", "nightly"),
    "occupancy": ("access.jobs.record_occupancy", "default"),
    "nudges": ("members.jobs.send_lapse_nudges", "default"),
}


class Command(BaseCommand):
    help = "Enqueue a background job: " + ", ".join(sorted(JOBS))

    def add_arguments(self, parser):
        parser.add_argument("job", choices=sorted(JOBS))
        parser.add_argument("args", nargs="*", help="positional arguments for the job (strings)")

    def handle(self, *args, **options):
        func, queue = JOBS[options["job"]]
        try:
            job = enqueue(func, *options["args"], queue=queue)
        except Exception as exc:  # redis down, ...
            raise CommandError(f"could not enqueue {func}: {exc}") from exc
        self.stdout.write(f"enqueued {func} on {queue} as {job.id}")
