"""Client of the grid operator's metering API."""
import json
from urllib.error import URLError
from urllib.request import urlopen

from django.conf import settings


class GridAPIError(Exception):
    pass


def fetch_readings(day):
    """{ean: kwh} for one day."""
    url = f"{settings.GRID_API_URL}/readings?day={day.isoformat()}"
    try:
        with urlopen(url, timeout=10) as response:
            return json.load(response)
    except URLError as exc:
        raise GridAPIError(f"GET {url} failed: {exc.reason}") from exc
