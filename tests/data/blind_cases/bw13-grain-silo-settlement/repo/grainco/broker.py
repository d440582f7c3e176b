"""The Dramatiq broker for the project.

Import this module (or anything that declares actors) only after Django settings
are configured; actors bind to the broker set here when they are declared.
"""
import dramatiq
from django.conf import settings
from django.db import close_old_connections
from dramatiq.middleware import Middleware


class DjangoDbConnections(Middleware):
    """Drop stale/broken DB connections around each message, like request handling does."""

    def before_process_message(self, broker, message):
        close_old_connections()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        close_old_connections()

    after_skip_message = after_process_message


def build_broker(url):
    if url.startswith("stub://"):
        from dramatiq.brokers.stub import StubBroker

        broker = StubBroker()
        broker.emit_after("process_boot")
    else:
        from dramatiq.brokers.redis import RedisBroker

        broker = RedisBroker(url=url)
    broker.add_middleware(DjangoDbConnections())
    return broker


broker = build_broker(settings.DRAMATIQ_BROKER_URL)
dramatiq.set_broker(broker)
