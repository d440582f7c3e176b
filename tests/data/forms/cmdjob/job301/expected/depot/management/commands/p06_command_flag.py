from depot.models import JobState, Parcel
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "command flag (run from cron: manage.py p06_command_flag)"

    def handle(self, *args, **options):
        state = JobState.objects.get(name="rebuild")
        state.running = True
        state.save()
        try:
            Parcel.objects.filter(processed=True).update(processed=False)
        finally:
            state.running = False
            state.save()
