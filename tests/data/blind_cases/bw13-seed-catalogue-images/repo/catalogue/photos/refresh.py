"""Re-reading variety photos from their source and storing their metadata."""
import hashlib
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from catalogue.models import VarietyImage

from .client import PhotoFetchError, PhotoNotFound, get_photo_client
from .probe import UnknownImageFormat, image_dimensions

logger = logging.getLogger(__name__)

UPDATED = "updated"
UNCHANGED = "unchanged"
MISSING = "missing"
FAILED = "failed"
SKIPPED = "skipped"


class RefreshSummary(Counter):
    def __str__(self):
        parts = [f"{key}={self[key]}" for key in (UPDATED, UNCHANGED, MISSING, FAILED, SKIPPED) if self[key]]
        return ", ".join(parts) or "nothing to do"


class PhotoRefresher:
    """Fetches a batch of VarietyImage rows in parallel.

    Supplier hosting is slow (1-3 s per photo is normal), so the downloads are spread
    over a small thread pool; each image is handled start to finish by one worker.
    """

    def __init__(self, client=None, max_workers=None):
        self.client = client or get_photo_client()
        self.max_workers = max_workers or settings.PHOTO_REFRESH_WORKERS

    def refresh(self, image_ids):
        summary = RefreshSummary()
        image_ids = list(image_ids)
        if not image_ids:
            return summary
        workers = max(1, min(self.max_workers, len(image_ids)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="photo-refresh") as pool:
            futures = {pool.submit(self._refresh_image, image_id): image_id for image_id in image_ids}
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except Exception:
                    logger.exception("photo refresh crashed for image %s", futures[future])
                    outcome = FAILED
                summary[outcome] += 1
        return summary

    def _refresh_image(self, image_id):
        now = timezone.now()
        image = VarietyImage.objects.filter(pk=image_id).first()
        if image is None:  # deleted since the batch was queued
            return SKIPPED

        try:
            photo = self.client.fetch(image.source_url, etag=image.etag or None)
        except PhotoNotFound as exc:
            self._record_failure(image, VarietyImage.Status.MISSING, exc, now)
            return MISSING
        except PhotoFetchError as exc:
            self._record_failure(image, VarietyImage.Status.ERROR, exc, now)
            return FAILED

        rows = VarietyImage.objects.filter(pk=image.pk)
        if photo is None:  # 304 Not Modified
            rows.update(status=VarietyImage.Status.OK, checked_at=now, failure_count=0, last_error="")
            return UNCHANGED

        digest = hashlib.sha256(photo.content).hexdigest()
        if digest == image.sha256:
            rows.update(status=VarietyImage.Status.OK, etag=photo.etag[:200], checked_at=now,
                        failure_count=0, last_error="")
            return UNCHANGED

        try:
            content_type, width, height = image_dimensions(photo.content)
        except UnknownImageFormat as exc:
            self._record_failure(image, VarietyImage.Status.ERROR, exc, now)
            return FAILED

        rows.update(
            status=VarietyImage.Status.OK,
            content_type=content_type,
            width=width,
            height=height,
            byte_size=len(photo.content),
            sha256=digest,
            etag=photo.etag[:200],
            fetched_at=now,
            checked_at=now,
            failure_count=0,
            last_error="",
        )
        logger.debug("image %s updated: %sx%s %s", image.pk, width, height, content_type)
        return UPDATED

    @staticmethod
    def _record_failure(image, status, exc, now):
        VarietyImage.objects.filter(pk=image.pk).update(
            status=status,
            last_error=str(exc)[:300],
            checked_at=now,
            failure_count=F("failure_count") + 1,
        )
        logger.warning("image %s (%s): %s", image.pk, image.source_url, exc)
