"""HTTP clients for fetching feeds and artwork. The client class is chosen with ``FEEDS_HTTP_CLIENT``."""
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


class FeedHTTPError(Exception):
    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


@dataclass
class FetchResult:
    status: int
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""


class UrllibFeedClient:
    def __init__(self, timeout=None):
        self.timeout = timeout or settings.FEEDS_TIMEOUT

    def fetch(self, url, etag="", last_modified=""):
        headers = {"User-Agent": settings.FEEDS_USER_AGENT, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with urlopen(Request(url, headers=headers), timeout=self.timeout) as resp:
                return FetchResult(
                    status=resp.status,
                    body=resp.read(),
                    etag=resp.headers.get("ETag", ""),
                    last_modified=resp.headers.get("Last-Modified", ""),
                    content_type=resp.headers.get("Content-Type", ""),
                )
        except HTTPError as exc:
            if exc.code == 304:
                return FetchResult(status=304, etag=etag, last_modified=last_modified)
            raise FeedHTTPError(f"HTTP {exc.code} {exc.reason}", status=exc.code) from exc
        except (URLError, TimeoutError, ConnectionError) as exc:
            raise FeedHTTPError(f"connection failed: {exc}") from exc

    def head(self, url):
        try:
            with urlopen(Request(url, method="HEAD", headers={"User-Agent": settings.FEEDS_USER_AGENT}),
                         timeout=self.timeout) as resp:
                return resp.status
        except HTTPError as exc:
            return exc.code
        except (URLError, TimeoutError, ConnectionError) as exc:
            raise FeedHTTPError(f"connection failed: {exc}") from exc


class StaticFeedClient:
    """Serves canned responses from ``StaticFeedClient.responses`` (url -> FetchResult or exception); tests."""

    responses = {}
    requests = []

    def fetch(self, url, etag="", last_modified=""):
        StaticFeedClient.requests.append(url)
        response = StaticFeedClient.responses.get(url)
        if response is None:
            raise FeedHTTPError("HTTP 404 Not Found", status=404)
        if isinstance(response, Exception):
            raise response
        if etag and response.etag == etag:
            return FetchResult(status=304, etag=etag, last_modified=last_modified)
        return response

    def head(self, url):
        StaticFeedClient.requests.append(url)
        response = StaticFeedClient.responses.get(url)
        return response.status if isinstance(response, FetchResult) else 404


def get_client():
    return import_string(settings.FEEDS_HTTP_CLIENT)()
