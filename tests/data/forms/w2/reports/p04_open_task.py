"""A file opened in the task, closed at the end only."""
from celery import shared_task


@shared_task
def write_summary(path, lines):
    fh = open(path, "w")
    for line in lines:
        fh.write(f"{line}\n")
    fh.close()
