"""Fetching variety photos from grower/supplier hosting."""
import hashlib
import struct
import zlib
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


class PhotoFetchError(Exception):
    pass


class PhotoNotFound(PhotoFetchError):
    pass


@dataclass(frozen=True)
class FetchedPhoto:
    content: bytes
    etag: str = ""
    content_type: str = ""


class HttpPhotoClient:
    """``fetch`` returns a FetchedPhoto, or None when the source answers 304 Not Modified."""

    def __init__(self, timeout=None, max_bytes=None, user_agent=None):
        self.timeout = timeout or settings.PHOTO_FETCH_TIMEOUT
        self.max_bytes = max_bytes or settings.PHOTO_MAX_BYTES
        self.user_agent = user_agent or settings.PHOTO_USER_AGENT

    def fetch(self, url, etag=None):
        headers = {"User-Agent": self.user_agent, "Accept": "image/webp,image/jpeg,image/png,image/*;q=0.8"}
        if etag:
            headers["If-None-Match"] = etag
        try:
            with urlopen(Request(url, headers=headers), timeout=self.timeout) as resp:
                content = resp.read(self.max_bytes + 1)
                if len(content) > self.max_bytes:
                    raise PhotoFetchError(f"image larger than {self.max_bytes} bytes")
                return FetchedPhoto(content=content, etag=resp.headers.get("ETag", ""),
                                    content_type=resp.headers.get_content_type())
        except HTTPError as exc:
            if exc.code == 304:
                return None
            if exc.code in (404, 410):
                raise PhotoNotFound(f"source returned {exc.code}") from exc
            raise PhotoFetchError(f"source returned {exc.code}") from exc
        except (URLError, TimeoutError, ConnectionError) as exc:
            raise PhotoFetchError(f"source unreachable: {exc}") from exc


def _tiny_png(width, height):
    def chunk(kind, payload):
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class StubPhotoClient:
    """Offline client for development and tests.

    Every URL yields a small grey PNG whose size depends on the URL; URLs containing
    ``/missing/`` answer 404 and URLs containing ``/broken/`` fail like a dead host.
    """

    def fetch(self, url, etag=None):
        if "/missing/" in url:
            raise PhotoNotFound("source returned 404")
        if "/broken/" in url:
            raise PhotoFetchError("source unreachable: [Errno 111] Connection refused")
        seed = hashlib.sha1(url.encode()).digest()
        content = _tiny_png(16 + seed[0] % 48, 16 + seed[1] % 48)
        tag = '"%s"' % hashlib.md5(content).hexdigest()
        if etag == tag:
            return None
        return FetchedPhoto(content=content, etag=tag, content_type="image/png")


def get_photo_client():
    return import_string(settings.PHOTO_CLIENT)()
