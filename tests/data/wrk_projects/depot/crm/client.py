"""The hosted CRM's API, behind a backend chosen by ``settings.CRM_BACKEND``."""
import json
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.module_loading import import_string


class HttpBackend:
    def _call(self, method, path, params=None, payload=None):
        url = f"{settings.CRM_API_URL}/{path}" + (f"?{urlencode(params)}" if params else "")
        data = json.dumps(payload).encode() if payload is not None else None
        req = Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        with urlopen(req, timeout=10) as resp:
            return json.load(resp) if method == "GET" else None

    def push(self, payload):
        self._call("PUT", f"contacts/{quote(payload['email'])}", payload=payload)

    def enrich(self, email):
        return self._call("GET", "enrichment", {"email": email})

    def geocode(self, query):
        return self._call("GET", "geocode", {"q": query})

    def mailbox_exists(self, email):
        return self._call("GET", "mailbox", {"email": email})["exists"]


class LocmemBackend:
    """Test backend: remembers what was pushed, answers lookups from fixed data."""

    pushed = []
    companies = {"example.com": "Example Ltd"}
    cities = {"London": (51.507, -0.128), "Leeds": (53.8, -1.549)}

    def push(self, payload):
        self.pushed.append(payload)

    def enrich(self, email):
        return {"company": self.companies.get(email.rpartition("@")[2], "")}

    def geocode(self, query):
        lat, lng = self.cities[query]
        return {"lat": lat, "lng": lng}

    def mailbox_exists(self, email):
        return not email.startswith("bounce")


def backend():
    return import_string(settings.CRM_BACKEND)()


def push_contact(contact):
    backend().push({"email": contact.email, "name": contact.name, "company": contact.company})


def enrich(email):
    return backend().enrich(email)


def geocode(query):
    return backend().geocode(query)


def mailbox_exists(email):
    return backend().mailbox_exists(email)
