"""Thin HTTP client for the dispensing-cabinet vendor's stock feed API."""
import json
import logging
import socket
from urllib import error, request

from django.conf import settings

logger = logging.getLogger(__name__)


class FeedError(Exception):
    """Base class for stock feed problems."""


class FeedUnavailable(FeedError):
    """The feed could not be reached or answered with a server error; worth retrying."""


class FeedRejected(FeedError):
    """The feed answered with a client error (bad token, unknown ward); retrying will not help."""


class FeedClient:
    def __init__(self, base_url, token="", timeout=10):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_settings(cls):
        conf = settings.STOCK_FEED
        return cls(conf["BASE_URL"], token=conf.get("TOKEN", ""), timeout=conf.get("TIMEOUT", 10))

    def _headers(self):
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def _send(self, method, path, body=None):
        url = f"{self.base_url}/{path.lstrip('/')}"
        data = json.dumps(body).encode() if body is not None else None
        req = request.Request(url, data=data, method=method, headers=self._headers())
        try:
            with request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise FeedUnavailable(f"{method} {path}: HTTP {exc.code}") from exc
            raise FeedRejected(f"{method} {path}: HTTP {exc.code}") from exc
        except (error.URLError, socket.timeout, ConnectionError) as exc:
            raise FeedUnavailable(f"{method} {path}: {exc}") from exc
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise FeedUnavailable(f"{method} {path}: invalid JSON") from exc

    def get_json(self, path):
        return self._send("GET", path)

    def post_json(self, path, body):
        return self._send("POST", path, body)
