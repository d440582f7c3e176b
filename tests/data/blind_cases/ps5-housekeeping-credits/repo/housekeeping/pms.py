"""Client for the property management system (front desk): room status updates."""
import json
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings


class PMSUnavailable(Exception):
    pass


def push_room_status(room, status, timeout=10):
    body = json.dumps({"property": room.property.code, "room": room.number, "status": status}).encode()
    req = Request(f"{settings.PMS_API_URL}/v2/rooms/status", data=body, method="PUT",
                  headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.PMS_API_TOKEN}"})
    try:
        with urlopen(req, timeout=timeout) as resp:
            return resp.status
    except (URLError, TimeoutError) as exc:
        raise PMSUnavailable(str(exc)) from exc
