"""An FTP client for an upload."""
import ftplib

from celery import shared_task


@shared_task
def upload_report(host, name, path):
    ftp = ftplib.FTP(host)
    ftp.login()
    with open(path, "rb") as fh:
        ftp.storbinary(f"STOR {name}", fh)
    ftp.quit()
