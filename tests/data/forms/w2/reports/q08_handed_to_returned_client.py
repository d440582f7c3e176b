"""The HTTP session is handed to the API client the helper returns: the client owns it (and closes it)."""
import requests
from celery import shared_task


class ReportApi:
    def __init__(self, base_url, session):
        self.base_url = base_url
        self.session = session

    def fetch(self, name):
        return self.session.get(f"{self.base_url}/{name}", timeout=10).text

    def close(self):
        self.session.close()


def report_api(base_url):
    session = requests.Session()
    session.headers["Accept"] = "text/csv"
    return ReportApi(base_url, session=session)


@shared_task
def fetch_report(base_url, name):
    api = report_api(base_url)
    try:
        return len(api.fetch(name))
    finally:
        api.close()
