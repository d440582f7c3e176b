"""Client for the game publisher's esports match API.

GET /v2/matches/<id> returns
    {"id": "...", "state": "in_progress" | "finished",
     "teams": [{"tag": "NRG", "score": 2}, {"tag": "TSM", "score": 1}]}

The API is rate limited per key (HTTP 429 with Retry-After) and is known to
answer 502/503 for a few minutes right after big matches end.
"""
import http.client
import json

from django.conf import settings
from django.utils.module_loading import import_string


class GameApiError(Exception):
    pass


class RateLimited(GameApiError):
    def __init__(self, message, retry_after=30):
        super().__init__(message)
        self.retry_after = retry_after


class ApiUnavailable(GameApiError):
    pass


class MatchNotFound(GameApiError):
    pass


class HttpGameApi:
    def __init__(self, host=None, api_key=None, timeout=10):
        self.host = host or settings.GAME_API_HOST
        self.api_key = api_key or settings.GAME_API_KEY
        self.timeout = timeout

    def fetch_match(self, external_id):
        conn = http.client.HTTPSConnection(self.host, timeout=self.timeout)
        try:
            conn.request("GET", f"/v2/matches/{external_id}", headers={"X-Api-Key": self.api_key})
            resp = conn.getresponse()
            body = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            raise ApiUnavailable(f"match API unreachable: {exc}") from exc
        finally:
            conn.close()
        if resp.status == 429:
            raise RateLimited(f"429 rate limited on {external_id}", int(resp.getheader("Retry-After", "30")))
        if resp.status == 404:
            raise MatchNotFound(f"404 no match {external_id}")
        if resp.status >= 500:
            raise ApiUnavailable(f"{resp.status} from match API")
        return json.loads(body)


class FixtureGameApi:
    """Offline stand-in (tests, rehearsals): answers from a class-level dict."""

    matches = {}

    def fetch_match(self, external_id):
        try:
            return FixtureGameApi.matches[external_id]
        except KeyError:
            raise MatchNotFound(f"404 no match {external_id}")


def get_game_api():
    return import_string(settings.GAME_API_CLIENT)()
