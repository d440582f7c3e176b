"""gzip file in a helper module function."""
import gzip

from celery import shared_task


def compress(path, data):
    archive = gzip.open(path + ".gz", "wb")
    archive.write(data)
    archive.close()


@shared_task
def archive_report(path, data):
    compress(path, data.encode())
