"""Getting a finished feed file to the portal."""
import ftplib
import logging
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from .models import Portal

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    pass


@contextmanager
def atomic_publish(final):
    """Yield a temporary path next to ``final``; move it into place on success.

    The portals poll the publish directory, so they must never see half a file.
    """
    partial = final.with_name(f".{final.name}.partial")
    try:
        yield partial
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def latest_name(file_name):
    """``zillow-20240311-0200.xml.gz`` -> ``latest.xml.gz``"""
    return "latest." + ".".join(file_name.split(".")[1:])


class PublishDelivery:
    """Copy the feed into FEEDS_PUBLISH_ROOT/<portal>/, which the portals pull over HTTPS."""

    def __init__(self, portal):
        self.portal = portal

    def deliver(self, source):
        target_dir = Path(settings.FEEDS_PUBLISH_ROOT) / self.portal.code
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            final = target_dir / source.name
            with atomic_publish(final) as partial:
                shutil.copyfile(source, partial)
            with atomic_publish(target_dir / latest_name(source.name)) as partial:
                shutil.copyfile(source, partial)
        except OSError as exc:
            raise DeliveryError(f"cannot publish to {target_dir}: {exc}") from exc
        return final


class FtpDelivery:
    """Push the feed to the portal's FTP drop (upload under a temporary name, then rename)."""

    def __init__(self, portal):
        self.portal = portal

    def deliver(self, source):
        portal = self.portal
        partial = f"{source.name}.partial"
        try:
            with ftplib.FTP(timeout=settings.FEED_FTP_TIMEOUT) as ftp:
                ftp.connect(portal.ftp_host, portal.ftp_port)
                ftp.login(portal.ftp_user, portal.ftp_password)
                if portal.ftp_directory:
                    ftp.cwd(portal.ftp_directory)
                with open(source, "rb") as fh:
                    ftp.storbinary(f"STOR {partial}", fh)
                ftp.rename(partial, source.name)
        except ftplib.all_errors as exc:
            raise DeliveryError(f"FTP upload to {portal.ftp_host}:{portal.ftp_port} failed: {exc}") from exc
        logger.info("%s: uploaded %s to %s", portal.code, source.name, portal.ftp_host)
        return source.name


DELIVERIES = {Portal.Delivery.PUBLISH: PublishDelivery, Portal.Delivery.FTP: FtpDelivery}


def get_delivery(portal):
    return DELIVERIES[portal.delivery](portal)
