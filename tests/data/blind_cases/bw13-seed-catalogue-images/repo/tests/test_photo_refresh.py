import struct
from datetime import timedelta

import pytest
from django.utils import timezone

from catalogue.models import VarietyImage
from catalogue.photos.client import StubPhotoClient, _tiny_png
from catalogue.photos.probe import image_dimensions
from catalogue.tasks import images_due_for_refresh, refresh_variety_photos

# The refresh runs its downloads in worker threads, which need committed data.
pytestmark = pytest.mark.django_db(transaction=True)

CDN = "https://cdn.realseeds.example/img"


def test_refresh_stores_photo_metadata(make_variety):
    variety = make_variety(photos=[f"{CDN}/brandywine.png", f"{CDN}/brandywine-2.png"])

    result = refresh_variety_photos(variety_ids=[variety.pk])

    assert result.get() == {"updated": 2}
    for image in variety.images.all():
        expected = StubPhotoClient().fetch(image.source_url)
        _, width, height = image_dimensions(expected.content)
        assert image.status == VarietyImage.Status.OK
        assert (image.width, image.height) == (width, height)
        assert image.content_type == "image/png"
        assert image.byte_size == len(expected.content)
        assert image.etag == expected.etag
        assert image.fetched_at is not None and image.checked_at == image.fetched_at


def test_second_refresh_is_not_modified(make_variety):
    variety = make_variety(photos=[f"{CDN}/gardeners-delight.png"])
    refresh_variety_photos(variety_ids=[variety.pk])
    first = variety.images.get()

    result = refresh_variety_photos(variety_ids=[variety.pk], force=True)

    assert result.get() == {"unchanged": 1}
    again = variety.images.get()
    assert again.sha256 == first.sha256
    assert again.fetched_at == first.fetched_at
    assert again.checked_at > first.checked_at


def test_missing_and_unreachable_sources_are_recorded(make_variety):
    variety = make_variety(photos=[f"{CDN}/missing/old.png", "https://gone-grower.example/broken/x.jpg",
                                   f"{CDN}/ok.png"])

    result = refresh_variety_photos(variety_ids=[variety.pk])

    assert result.get() == {"missing": 1, "failed": 1, "updated": 1}
    statuses = dict(variety.images.values_list("source_url", "status"))
    assert statuses[f"{CDN}/missing/old.png"] == VarietyImage.Status.MISSING
    assert statuses["https://gone-grower.example/broken/x.jpg"] == VarietyImage.Status.ERROR
    broken = variety.images.get(status=VarietyImage.Status.ERROR)
    assert broken.failure_count == 1 and "refused" in broken.last_error


def test_only_stale_images_of_active_varieties_are_due(make_variety):
    fresh = make_variety(photos=[f"{CDN}/fresh.png"])
    stale = make_variety(photos=[f"{CDN}/stale.png"])
    retired = make_variety(photos=[f"{CDN}/retired.png"], is_active=False)
    now = timezone.now()
    fresh.images.update(checked_at=now - timedelta(hours=2))
    stale.images.update(checked_at=now - timedelta(days=3))

    due = set(images_due_for_refresh(now=now).values_list("variety_id", flat=True))

    assert due == {stale.pk}
    assert retired.pk not in set(images_due_for_refresh(force=True).values_list("variety_id", flat=True))


def test_probe_reads_png_and_jpeg_sizes():
    assert image_dimensions(_tiny_png(40, 25)) == ("image/png", 40, 25)
    jpeg = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\x03" + b"\x00" * 9)
    assert image_dimensions(jpeg) == ("image/jpeg", 640, 480)
