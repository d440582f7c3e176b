"""Parsing of FDSN station web-service text output (``format=text``, ``level=channel``)."""
from dataclasses import dataclass
from datetime import datetime, timezone

from django.db import transaction

from .models import Channel, Network, Station


@dataclass(frozen=True)
class ChannelLine:
    network: str
    station: str
    location: str
    channel: str
    latitude: float
    longitude: float
    elevation: float
    sample_rate: float
    start: datetime
    end: datetime | None
    site_name: str


def _parse_time(value):
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


def parse_fdsn_text(lines):
    """Yield ChannelLine records; header lines start with '#'."""
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        f = line.split("|")
        if len(f) < 17:
            raise ValueError(f"not an FDSN channel line: {line!r}")
        yield ChannelLine(
            network=f[0], station=f[1], location=f[2], channel=f[3],
            latitude=float(f[4]), longitude=float(f[5]), elevation=float(f[6]),
            sample_rate=float(f[14]), start=_parse_time(f[15]), end=_parse_time(f[16]),
            site_name=f[10] if len(f) > 10 else "",
        )


@transaction.atomic
def apply_inventory(channel_lines):
    """Create or update networks, stations and channels. Returns (stations, channels) touched."""
    stations, channels = set(), 0
    for cl in channel_lines:
        network, _ = Network.objects.get_or_create(code=cl.network)
        station, _ = Station.objects.update_or_create(
            network=network, code=cl.station,
            defaults={"latitude": cl.latitude, "longitude": cl.longitude, "elevation_m": cl.elevation},
        )
        Channel.objects.update_or_create(
            station=station, location=cl.location, code=cl.channel, start=cl.start,
            defaults={"sample_rate": cl.sample_rate, "end": cl.end},
        )
        stations.add(station.pk)
        channels += 1
    return len(stations), channels
