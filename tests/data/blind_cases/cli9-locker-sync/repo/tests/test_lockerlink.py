import io
import json
import urllib.error

import pytest

from lockers.lockerlink import LockerLinkClient, LockerLinkError


class FakeResponse(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def opener_returning(body, seen=None):
    def _open(request, timeout):
        if seen is not None:
            seen.append(request)
        return FakeResponse(json.dumps(body).encode())
    return _open


def test_fetch_events_parses_and_sorts():
    seen = []
    body = {"events": [
        {"seq": 8, "type": "parcel.collected", "site": "AMS-CS-02", "compartment": "A01",
         "parcel": {"barcode": "3SABC0001"}, "ts": "2024-11-11T16:05:00Z"},
        {"seq": 7, "type": "parcel.deposited", "site": "AMS-CS-02", "compartment": "A01",
         "parcel": {"barcode": "3SABC0001"}, "ts": "2024-11-11T16:00:00Z", "data": {"courier": "c-17"}},
    ]}
    client = LockerLinkClient("https://ll.example/", "tok", opener=opener_returning(body, seen))
    events = client.fetch_events(after=6, limit=50)

    assert [e.seq for e in events] == [7, 8]
    assert events[0].tracking_code == "3SABC0001" and events[0].data == {"courier": "c-17"}
    assert events[0].occurred_at.utcoffset().total_seconds() == 0
    assert seen[0].full_url == "https://ll.example/v2/events?after=6&limit=50"
    assert seen[0].get_header("Authorization") == "Bearer tok"


def test_http_error_becomes_lockerlink_error():
    def _open(request, timeout):
        raise urllib.error.HTTPError(request.full_url, 503, "unavailable", {}, None)

    with pytest.raises(LockerLinkError, match="HTTP 503"):
        LockerLinkClient("https://ll.example", "tok", opener=_open).fetch_events(after=0)


def test_malformed_event():
    client = LockerLinkClient("https://ll.example", "tok", opener=opener_returning({"events": [{"seq": 1}]}))
    with pytest.raises(LockerLinkError, match="malformed"):
        client.fetch_events(after=0)
