"""Helpers for the waveform-archive segment listings (JSON lines, one per contiguous segment).

    {"nslc": "XQ.ALPA..HHZ", "start": "2024-05-02T00:00:00.000Z", "end": "2024-05-02T06:12:40.010Z"}
"""
import json
from datetime import datetime


def _ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def parse_segment(line, bad_lines):
    """(station_id, channel, start, end) or None; ``bad_lines`` is a Spark accumulator."""
    try:
        rec = json.loads(line)
        network, station, _location, channel = rec["nslc"].split(".")
        start, end = _ts(rec["start"]), _ts(rec["end"])
    except (ValueError, KeyError, AttributeError):
        bad_lines.add(1)
        return None
    if end <= start:
        bad_lines.add(1)
        return None
    return f"{network}.{station}", channel, start, end

