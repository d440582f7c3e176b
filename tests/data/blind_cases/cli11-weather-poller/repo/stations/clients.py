"""Talking to the dataloggers in the field.

Every station runs either a Campbell Scientific CR1000X (queried through its web API's
``dataquery`` command) or a Davis WeatherLink gateway.  Both are reached through the site
VPN and are slow and flaky; a logger that does not answer is reported as
:class:`StationUnavailable` and simply retried on the next poll.
"""
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("agromet.clients")


class StationUnavailable(Exception):
    """The logger could not be reached or answered with something we cannot read."""


@dataclass(frozen=True)
class Observation:
    observed_at: datetime
    values: dict = field(default_factory=dict)


CAMPBELL_FIELDS = {
    "AirTC_Avg": "air_temp_c",
    "RH": "relative_humidity",
    "Rain_mm_Tot": "precipitation_mm",
    "WS_ms_Avg": "wind_speed_ms",
    "WindDir": "wind_direction_deg",
    "SlrW_Avg": "solar_radiation_wm2",
    "T107_C_Avg": "soil_temp_c",
    "VWC_Avg": "soil_moisture_vwc",
}


def _number(value):
    if value is None or value == "NAN":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_campbell(document):
    """Parse a CR1000X ``dataquery`` JSON answer (loggers run on UTC)."""
    try:
        names = [f["name"] for f in document["head"]["fields"]]
        records = document["data"]
    except (KeyError, TypeError) as exc:
        raise StationUnavailable(f"unexpected Campbell payload: {exc!r}") from exc
    observations = []
    for record in records:
        observed_at = datetime.fromisoformat(record["time"]).replace(tzinfo=dt_timezone.utc)
        values = {}
        for name, raw in zip(names, record["vals"]):
            if name in CAMPBELL_FIELDS:
                values[CAMPBELL_FIELDS[name]] = _number(raw)
        observations.append(Observation(observed_at=observed_at, values=values))
    return observations


def _f_to_c(value):
    return None if value is None else round((value - 32.0) * 5.0 / 9.0, 2)


def _scaled(value, factor):
    return None if value is None else round(value * factor, 3)


def parse_davis(document):
    """Parse a WeatherLink gateway archive answer (imperial units, epoch seconds)."""
    try:
        records = document["records"]
    except (KeyError, TypeError) as exc:
        raise StationUnavailable(f"unexpected Davis payload: {exc!r}") from exc
    observations = []
    for record in records:
        observations.append(Observation(
            observed_at=datetime.fromtimestamp(int(record["ts"]), tz=dt_timezone.utc),
            values={
                "air_temp_c": _f_to_c(_number(record.get("temp_f"))),
                "relative_humidity": _number(record.get("hum")),
                "precipitation_mm": _scaled(_number(record.get("rain_in")), 25.4),
                "wind_speed_ms": _scaled(_number(record.get("wind_mph")), 0.44704),
                "wind_direction_deg": _number(record.get("wind_dir")),
                "solar_radiation_wm2": _number(record.get("solar_rad")),
            },
        ))
    return observations


class HttpLoggerClient:
    PARSERS = {"campbell": parse_campbell, "davis": parse_davis}

    def __init__(self, timeout=None):
        self.timeout = timeout if timeout is not None else settings.STATION_HTTP_TIMEOUT

    def url_for(self, station, since):
        base = station.endpoint.rstrip("/")
        if station.protocol == "campbell":
            query = {
                "command": "dataquery",
                "uri": "dl:Table5min",
                "format": "json",
                "mode": "since-time",
                "p1": since.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%S"),
            }
            return f"{base}/?{urllib.parse.urlencode(query)}"
        return f"{base}/v1/archive?{urllib.parse.urlencode({'since': int(since.timestamp())})}"

    def fetch(self, station, since):
        url = self.url_for(station, since)
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:
                document = json.load(response)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise StationUnavailable(f"{station.code}: {exc}") from exc
        observations = self.PARSERS[station.protocol](document)
        logger.debug("%s: %d records since %s", station.code, len(observations), since.isoformat())
        return observations


class StaticLoggerClient:
    """In-process stand-in for local development and tests.

    ``StaticLoggerClient.feed[code]`` holds the observations a logger "has"; codes listed in
    ``StaticLoggerClient.down`` behave like a logger that does not answer.
    """

    feed = {}
    down = set()

    def fetch(self, station, since):
        if station.code in self.down:
            raise StationUnavailable(f"{station.code}: timed out")
        return [obs for obs in self.feed.get(station.code, []) if obs.observed_at > since]


def get_client():
    return import_string(settings.STATION_CLIENT)()
