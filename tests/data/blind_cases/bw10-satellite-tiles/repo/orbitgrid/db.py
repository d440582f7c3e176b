"""Database helpers for code that runs outside the request/response cycle."""
import functools

from django.db import close_old_connections, connections


def closes_db_connections(func):
    """Release the calling thread's database connections when ``func`` returns.

    Django only tidies connections up around HTTP requests. Code that runs in a
    thread of its own (scheduler jobs, thread pools) has to do it itself, or
    every thread that touched the ORM keeps a server connection open.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        close_old_connections()
        try:
            return func(*args, **kwargs)
        finally:
            connections.close_all()

    return wrapper
