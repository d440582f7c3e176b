"""gzip file in a helper module function."""
import gzip

from celery import shared_task


def compress(path, data):
    with gzip.open(path + ".gz", "wb") as archive:
        archive.write(data)


@shared_task
def archive_report(path, data):
    compress(path, data.encode())
