"""The Dramatiq broker.

Every ``actors`` module imports this module before it declares an actor, so that the actors bind to the broker
configured here rather than to Dramatiq's default one. Production talks to Redis; the test settings switch to
the StubBroker (``DRAMATIQ_BROKER = "stub"``).
"""
import dramatiq
from django.conf import settings
from django.db import close_old_connections, connections
from dramatiq.brokers.stub import StubBroker


class DjangoConnections(dramatiq.Middleware):
    """Drop stale or broken database connections around each message, as request handling does."""

    def before_process_message(self, broker, message):
        close_old_connections()

    def after_process_message(self, broker, message, *, result=None, exception=None):
        close_old_connections()

    after_skip_message = after_process_message

    def before_worker_thread_shutdown(self, broker, thread):
        connections.close_all()


def _build_broker():
    if settings.DRAMATIQ_BROKER == "stub":
        new_broker = StubBroker()
    else:
        from dramatiq.brokers.redis import RedisBroker

        new_broker = RedisBroker(url=settings.DRAMATIQ_REDIS_URL)
    new_broker.add_middleware(DjangoConnections())
    return new_broker


broker = _build_broker()
dramatiq.set_broker(broker)
