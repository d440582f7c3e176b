import pytest

from feeds.parser import FeedParseError, parse_duration, parse_feed

from .conftest import rss


def test_parse_feed():
    feed = parse_feed(rss("Night Shift", [("g2", "Two"), ("g1", "One")], author="Ana"))
    assert feed.title == "Night Shift"
    assert feed.author == "Ana"
    assert feed.image_url == "https://img.example/Nig.jpg"
    assert [e.guid for e in feed.episodes] == ["g2", "g1"]
    first = feed.episodes[0]
    assert first.audio_url == "https://cdn.example/g2.mp3"
    assert first.duration_seconds == 42 * 60 + 10
    assert first.published_at.isoformat() == "2024-05-01T06:00:00+00:00"


@pytest.mark.parametrize("value,expected", [("1:02:03", 3723), ("62:03", 3723), ("3723", 3723), ("", None),
                                            ("abc", None)])
def test_parse_duration(value, expected):
    assert parse_duration(value) == expected


def test_html_page_is_not_a_feed():
    with pytest.raises(FeedParseError):
        parse_feed(b"<html><body>moved</body></html>")
