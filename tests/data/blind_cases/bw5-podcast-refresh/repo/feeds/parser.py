"""Minimal RSS 2.0 + iTunes parser: the fields the directory shows, nothing more."""
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


class FeedParseError(Exception):
    pass


@dataclass
class ParsedEpisode:
    guid: str
    title: str
    audio_url: str
    audio_type: str = ""
    audio_length: int | None = None
    description: str = ""
    duration_seconds: int | None = None
    published_at: datetime | None = None


@dataclass
class ParsedFeed:
    title: str
    author: str = ""
    description: str = ""
    language: str = ""
    image_url: str = ""
    explicit: bool = False
    episodes: list = field(default_factory=list)


def parse_duration(value):
    """'1:02:03', '62:03', '3723' -> seconds."""
    if not value:
        return None
    try:
        parts = [int(float(p)) for p in value.strip().split(":")]
    except ValueError:
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def _date(value):
    if not value:
        return None
    try:
        return parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None


def _text(element, tag):
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def parse_feed(body):
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FeedParseError(f"not valid XML: {exc}") from exc
    channel = root.find("channel")
    if channel is None:
        raise FeedParseError("no <channel> element (not an RSS feed?)")
    image = channel.find(f"{ITUNES}image")
    feed = ParsedFeed(
        title=_text(channel, "title"),
        author=_text(channel, f"{ITUNES}author"),
        description=_text(channel, "description"),
        language=_text(channel, "language")[:12],
        image_url=image.get("href", "") if image is not None else _text(channel, "image/url"),
        explicit=_text(channel, f"{ITUNES}explicit").lower() in ("yes", "true", "explicit"),
    )
    for item in channel.findall("item"):
        enclosure = item.find("enclosure")
        if enclosure is None or not enclosure.get("url"):
            continue  # not an audio episode
        length = enclosure.get("length", "")
        feed.episodes.append(ParsedEpisode(
            guid=_text(item, "guid") or enclosure.get("url"),
            title=_text(item, "title") or "(untitled)",
            audio_url=enclosure.get("url"),
            audio_type=enclosure.get("type", ""),
            audio_length=int(length) if length.isdigit() else None,
            description=_text(item, "description"),
            duration_seconds=parse_duration(_text(item, f"{ITUNES}duration")),
            published_at=_date(_text(item, "pubDate")),
        ))
    return feed
