"""An FTP client for an upload."""
import ftplib

from celery import shared_task


@shared_task
def upload_report(host, name, path):
    with ftplib.FTP(host) as ftp:
        ftp.login()
        with open(path, "rb") as fh:
            ftp.storbinary(f"STOR {name}", fh)
        ftp.quit()
