from celery import shared_task
from django.conf import settings

from ops import outbox


class Banner:
    _text = None

    @classmethod
    def text(cls):
        if cls._text is None:
            cls._text = getattr(settings, "SITE_BANNER", "welcome")
        return cls._text


@shared_task
def site_banner():
    outbox.send("banner", Banner.text())
