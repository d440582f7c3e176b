"""Acceptance tests: a photo refresh run by the huey consumer must not leave database
connections open behind it, however often it runs and whatever the photo sources answer.

Connections are tracked through Django's ``connection_created`` signal: every connection
opened while the task runs, in any thread other than the one running the task, must be
closed again by the time the task has returned.
"""
import hashlib
import struct
import threading
import zlib

import pytest
from django.db.backends.signals import connection_created

from catalogue.models import Variety, VarietyImage
from catalogue.tasks import refresh_variety_photos

pytestmark = pytest.mark.django_db(transaction=True)

CDN = "https://cdn.heirloom-growers.example/photos"


def _png(width, height):
    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"".join(b"\x00" + b"\x7f" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def expected_size(url):
    digest = hashlib.sha256(url.encode()).digest()
    return 20 + digest[0] % 40, 20 + digest[1] % 40


class GrowerCdnClient:
    """Stands in for the growers' photo hosting."""

    def fetch(self, url, etag=None):
        from catalogue.photos.client import FetchedPhoto, PhotoFetchError, PhotoNotFound

        if "/gone/" in url:
            raise PhotoNotFound("source returned 404")
        if "/down/" in url:
            raise PhotoFetchError("source unreachable: timed out")
        content = _png(*expected_size(url))
        tag = '"%s"' % hashlib.md5(content).hexdigest()
        if etag == tag:
            return None
        return FetchedPhoto(content=content, etag=tag, content_type="image/png")


@pytest.fixture(autouse=True)
def grower_cdn(settings):
    settings.PHOTO_CLIENT = f"{__name__}.GrowerCdnClient"
    settings.PHOTO_REFRESH_WORKERS = 4


@pytest.fixture
def other_thread_connections():
    """Database connections opened by threads other than the test's own thread."""
    test_thread = threading.get_ident()
    opened = []

    def on_created(sender, connection, **kwargs):
        if threading.get_ident() != test_thread:
            opened.append((threading.current_thread().name, connection))

    connection_created.connect(on_created, weak=False)
    yield opened
    connection_created.disconnect(on_created)


def still_open(opened):
    seen, leaked = set(), []
    for thread_name, wrapper in opened:
        if id(wrapper) in seen:
            continue
        seen.add(id(wrapper))
        if wrapper.connection is not None:
            leaked.append(thread_name)
    return leaked


@pytest.fixture
def catalogue(db):
    from catalogue.models import Species

    species = Species.objects.create(latin_name="Cucurbita maxima", common_name="Winter squash")

    def _variety(n, urls):
        variety = Variety.objects.create(species=species, name=f"Squash {n}", slug=f"squash-{n}", sku=f"SQU-{n:03d}")
        for position, url in enumerate(urls):
            VarietyImage.objects.create(variety=variety, source_url=url, position=position,
                                        role=VarietyImage.Role.PRIMARY if position == 0 else VarietyImage.Role.GALLERY)
        return variety

    return _variety


def test_refresh_leaves_no_database_connections_open(catalogue, other_thread_connections):
    varieties = [catalogue(n, [f"{CDN}/squash-{n}-{k}.png" for k in range(3)]) for n in range(1, 5)]

    result = refresh_variety_photos(variety_ids=[v.pk for v in varieties])
    result.get()

    assert still_open(other_thread_connections) == []
    images = VarietyImage.objects.filter(variety__in=varieties)
    assert images.count() == 12
    for image in images:
        assert image.status == VarietyImage.Status.OK, image.source_url
        assert (image.width, image.height) == expected_size(image.source_url)
        assert image.content_type == "image/png" and image.sha256 and image.checked_at is not None


def test_repeated_refreshes_do_not_pile_up_connections(catalogue, other_thread_connections):
    varieties = [catalogue(n, [f"{CDN}/squash-{n}.png", f"{CDN}/gone/squash-{n}-old.png",
                               f"https://small-grower.example/down/squash-{n}.jpg"]) for n in range(1, 4)]
    ids = [v.pk for v in varieties]

    for _ in range(3):
        refresh_variety_photos(variety_ids=ids, force=True)

    assert still_open(other_thread_connections) == []
    statuses = {}
    for image in VarietyImage.objects.filter(variety_id__in=ids):
        statuses.setdefault(image.status, []).append(image)
    assert {status: len(images) for status, images in statuses.items()} == {
        VarietyImage.Status.OK: 3, VarietyImage.Status.MISSING: 3, VarietyImage.Status.ERROR: 3}
    assert all(image.failure_count == 3 for image in statuses[VarietyImage.Status.ERROR])
    assert all(image.failure_count == 0 and image.fetched_at for image in statuses[VarietyImage.Status.OK])


def test_nightly_refresh_leaves_no_database_connections_open(catalogue, other_thread_connections):
    from catalogue.tasks import nightly_photo_refresh

    catalogue(1, [f"{CDN}/nightly-{k}.png" for k in range(5)])

    nightly_photo_refresh.call_local()

    assert still_open(other_thread_connections) == []
    assert set(VarietyImage.objects.values_list("status", flat=True)) == {VarietyImage.Status.OK}
