import tempfile

from depot.models import Reminder
from depot.storage import upload
from depot.registry import register_job


@register_job("0 4 * * *")
def never_removed():
    _, path = tempfile.mkstemp(suffix=".txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(str(Reminder.objects.count()))
    upload(path)
