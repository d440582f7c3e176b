"""The resolved exception hierarchy: project classes through their bases, and the standard library's and
common network clients' hierarchies known (requests, httpx, urllib3, urllib.error, smtplib, socket, OSError,
botocore/boto3, redis, celery).

``ancestors(index, "billing.errors.GatewayTimeout")`` -> ``["billing.errors.GatewayError",
"requests.exceptions.Timeout", "requests.exceptions.RequestException", "OSError", "Exception",
"BaseException"]``: so a rule can tell that ``except GatewayError:`` catches a ``GatewayTimeout`` listed in
``autoretry_for``, or that ``except OSError:`` catches ``requests.ConnectionError``.

Pure functions over the :class:`~rootfix.discover.index.RepoIndex`, cached per index.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex

#: Public spellings -> the defining dotted name.
ALIASES = {
    "builtins.Exception": "Exception", "builtins.BaseException": "BaseException", "builtins.OSError": "OSError",
    "IOError": "OSError", "EnvironmentError": "OSError", "socket.error": "OSError", "select.error": "OSError",
    "socket.timeout": "TimeoutError", "builtins.TimeoutError": "TimeoutError",
    "builtins.ConnectionError": "ConnectionError",
    "requests.RequestException": "requests.exceptions.RequestException",
    "requests.ConnectionError": "requests.exceptions.ConnectionError",
    "requests.HTTPError": "requests.exceptions.HTTPError", "requests.Timeout": "requests.exceptions.Timeout",
    "requests.ConnectTimeout": "requests.exceptions.ConnectTimeout",
    "requests.ReadTimeout": "requests.exceptions.ReadTimeout",
    "requests.TooManyRedirects": "requests.exceptions.TooManyRedirects",
    "redis.ConnectionError": "redis.exceptions.ConnectionError", "redis.TimeoutError": "redis.exceptions.TimeoutError",
    "redis.RedisError": "redis.exceptions.RedisError",
    "celery.exceptions.Retry": "celery.exceptions.Retry", "urllib.request.URLError": "urllib.error.URLError",
    "urllib.request.HTTPError": "urllib.error.HTTPError", "urllib2.URLError": "urllib.error.URLError",
    "boto3.exceptions.Boto3Error": "boto3.exceptions.Boto3Error",
}
for _name in ("HTTPError", "RequestError", "TransportError", "TimeoutException", "ConnectTimeout", "ReadTimeout",
              "WriteTimeout", "PoolTimeout", "NetworkError", "ConnectError", "ReadError", "WriteError",
              "RemoteProtocolError", "ProtocolError", "HTTPStatusError", "TooManyRedirects"):
    ALIASES[f"httpx.{_name}"] = f"httpx._exceptions.{_name}"

#: dotted class -> its direct bases (the defining names).
KNOWN: dict[str, tuple[str, ...]] = {
    "BaseException": (), "Exception": ("BaseException",), "OSError": ("Exception",),
    "ConnectionError": ("OSError",), "BrokenPipeError": ("ConnectionError",),
    "ConnectionAbortedError": ("ConnectionError",), "ConnectionRefusedError": ("ConnectionError",),
    "ConnectionResetError": ("ConnectionError",), "TimeoutError": ("OSError",),
    "socket.gaierror": ("OSError",), "socket.herror": ("OSError",), "ssl.SSLError": ("OSError",),
    "ValueError": ("Exception",), "KeyError": ("LookupError",), "LookupError": ("Exception",),
    "RuntimeError": ("Exception",),
    "urllib.error.URLError": ("OSError",), "urllib.error.HTTPError": ("urllib.error.URLError",),
    "urllib.error.ContentTooShortError": ("urllib.error.URLError",),
    "http.client.HTTPException": ("Exception",), "http.client.RemoteDisconnected": (
        "ConnectionResetError", "http.client.BadStatusLine"),
    "http.client.BadStatusLine": ("http.client.HTTPException",),
    "smtplib.SMTPException": ("OSError",), "smtplib.SMTPServerDisconnected": ("smtplib.SMTPException",),
    "smtplib.SMTPResponseException": ("smtplib.SMTPException",),
    "smtplib.SMTPConnectError": ("smtplib.SMTPResponseException",),
    "smtplib.SMTPSenderRefused": ("smtplib.SMTPResponseException",),
    "smtplib.SMTPRecipientsRefused": ("smtplib.SMTPException",),
    "smtplib.SMTPDataError": ("smtplib.SMTPResponseException",),
    "smtplib.SMTPHeloError": ("smtplib.SMTPResponseException",),
    "smtplib.SMTPAuthenticationError": ("smtplib.SMTPResponseException",),
    "requests.exceptions.RequestException": ("OSError",),
    "requests.exceptions.HTTPError": ("requests.exceptions.RequestException",),
    "requests.exceptions.ConnectionError": ("requests.exceptions.RequestException",),
    "requests.exceptions.ProxyError": ("requests.exceptions.ConnectionError",),
    "requests.exceptions.SSLError": ("requests.exceptions.ConnectionError",),
    "requests.exceptions.Timeout": ("requests.exceptions.RequestException",),
    "requests.exceptions.ConnectTimeout": ("requests.exceptions.ConnectionError", "requests.exceptions.Timeout"),
    "requests.exceptions.ReadTimeout": ("requests.exceptions.Timeout",),
    "requests.exceptions.TooManyRedirects": ("requests.exceptions.RequestException",),
    "requests.exceptions.ChunkedEncodingError": ("requests.exceptions.RequestException",),
    "httpx._exceptions.HTTPError": ("Exception",),
    "httpx._exceptions.RequestError": ("httpx._exceptions.HTTPError",),
    "httpx._exceptions.TransportError": ("httpx._exceptions.RequestError",),
    "httpx._exceptions.TimeoutException": ("httpx._exceptions.TransportError",),
    "httpx._exceptions.ConnectTimeout": ("httpx._exceptions.TimeoutException",),
    "httpx._exceptions.ReadTimeout": ("httpx._exceptions.TimeoutException",),
    "httpx._exceptions.WriteTimeout": ("httpx._exceptions.TimeoutException",),
    "httpx._exceptions.PoolTimeout": ("httpx._exceptions.TimeoutException",),
    "httpx._exceptions.NetworkError": ("httpx._exceptions.TransportError",),
    "httpx._exceptions.ConnectError": ("httpx._exceptions.NetworkError",),
    "httpx._exceptions.ReadError": ("httpx._exceptions.NetworkError",),
    "httpx._exceptions.WriteError": ("httpx._exceptions.NetworkError",),
    "httpx._exceptions.ProtocolError": ("httpx._exceptions.TransportError",),
    "httpx._exceptions.RemoteProtocolError": ("httpx._exceptions.ProtocolError",),
    "httpx._exceptions.HTTPStatusError": ("httpx._exceptions.HTTPError",),
    "httpx._exceptions.TooManyRedirects": ("httpx._exceptions.RequestError",),
    "urllib3.exceptions.HTTPError": ("Exception",),
    "urllib3.exceptions.PoolError": ("urllib3.exceptions.HTTPError",),
    "urllib3.exceptions.RequestError": ("urllib3.exceptions.PoolError",),
    "urllib3.exceptions.MaxRetryError": ("urllib3.exceptions.RequestError",),
    "urllib3.exceptions.TimeoutError": ("urllib3.exceptions.HTTPError",),
    "urllib3.exceptions.ReadTimeoutError": ("urllib3.exceptions.TimeoutError", "urllib3.exceptions.RequestError"),
    "urllib3.exceptions.ConnectTimeoutError": ("urllib3.exceptions.TimeoutError",),
    "urllib3.exceptions.NewConnectionError": ("urllib3.exceptions.ConnectTimeoutError",),
    "urllib3.exceptions.ProtocolError": ("urllib3.exceptions.HTTPError",),
    "botocore.exceptions.BotoCoreError": ("Exception",), "botocore.exceptions.ClientError": ("Exception",),
    "botocore.exceptions.HTTPClientError": ("botocore.exceptions.BotoCoreError",),
    "botocore.exceptions.ConnectionError": ("botocore.exceptions.BotoCoreError",),
    "botocore.exceptions.EndpointConnectionError": ("botocore.exceptions.ConnectionError",),
    "botocore.exceptions.ConnectTimeoutError": ("botocore.exceptions.ConnectionError",),
    "botocore.exceptions.ReadTimeoutError": ("botocore.exceptions.HTTPClientError",),
    "boto3.exceptions.Boto3Error": ("Exception",),
    "redis.exceptions.RedisError": ("Exception",),
    "redis.exceptions.ConnectionError": ("redis.exceptions.RedisError",),
    "redis.exceptions.TimeoutError": ("redis.exceptions.RedisError",),
    "redis.exceptions.BusyLoadingError": ("redis.exceptions.ConnectionError",),
    "celery.exceptions.CeleryError": ("Exception",), "celery.exceptions.TaskPredicate": ("celery.exceptions.CeleryError",),
    "celery.exceptions.Retry": ("celery.exceptions.TaskPredicate",),
    "kombu.exceptions.KombuError": ("Exception",),
    "kombu.exceptions.OperationalError": ("kombu.exceptions.KombuError",),
    "django.db.utils.Error": ("Exception",), "django.db.utils.DatabaseError": ("django.db.utils.Error",),
    "django.db.utils.OperationalError": ("django.db.utils.DatabaseError",),
    "django.db.utils.InterfaceError": ("django.db.utils.Error",),
    "django.db.OperationalError": ("django.db.utils.DatabaseError",),
}

#: "Try again later" errors of network clients (with everything below them).
TRANSIENT_ROOTS = frozenset({
    "ConnectionError", "TimeoutError", "socket.gaierror", "urllib.error.URLError", "http.client.HTTPException",
    "smtplib.SMTPServerDisconnected", "smtplib.SMTPConnectError", "smtplib.SMTPException",
    "requests.exceptions.ConnectionError", "requests.exceptions.Timeout", "requests.exceptions.RequestException",
    "httpx._exceptions.TransportError", "httpx._exceptions.HTTPError", "urllib3.exceptions.HTTPError",
    "botocore.exceptions.ConnectionError", "botocore.exceptions.HTTPClientError", "botocore.exceptions.BotoCoreError",
    "redis.exceptions.ConnectionError", "redis.exceptions.TimeoutError", "kombu.exceptions.OperationalError",
})


def canonical(dotted: str) -> str:
    return ALIASES.get(dotted, dotted)


def _cache(index: "RepoIndex") -> dict:
    return index.__dict__.setdefault("_rootfix_project_exc", {})


def direct_bases(index: "RepoIndex", dotted: str) -> tuple[str, ...]:
    dotted = canonical(dotted)
    if dotted in KNOWN:
        return KNOWN[dotted]
    found = index.lookup_class(dotted)
    if found is None:
        return ()
    module, cls = found
    return tuple(canonical(index.resolve(module, b) or "") for b in cls.bases if index.resolve(module, b))


def ancestors(index: "RepoIndex", dotted: str) -> list[str]:
    """``dotted`` (canonical) and every class above it, nearest first (project classes through the index)."""
    cache = _cache(index)
    dotted = canonical(dotted)
    if dotted in cache:
        return cache[dotted]
    out: list[str] = []
    frontier = [dotted]
    while frontier and len(out) < 64:
        cur = frontier.pop(0)
        if cur in out:
            continue
        out.append(cur)
        frontier.extend(direct_bases(index, cur))
    cache[dotted] = out
    return out


def is_subclass(index: "RepoIndex", child: str, parent: str) -> bool:
    return canonical(parent) in ancestors(index, child)


def is_project_exception(index: "RepoIndex", dotted: str) -> bool:
    return index.lookup_class(canonical(dotted)) is not None and "BaseException" in ancestors(index, dotted)


#: The remote's own answer (an HTTP status, an AWS error code): the request arrived and was refused or failed
#: there; asking again gets the same answer, so these and everything below them are not "try again later".
STATUS_ANSWERS = frozenset({
    "requests.exceptions.HTTPError", "httpx._exceptions.HTTPStatusError", "urllib.error.HTTPError",
    "botocore.exceptions.ClientError", "aiohttp.client_exceptions.ClientResponseError",
})


def is_status_answer(index: "RepoIndex", dotted: str) -> bool:
    """An error raised from the remote's explicit answer (``raise_for_status()``, a ``ClientError`` code), or a
    project class derived from one."""
    return any(a in STATUS_ANSWERS for a in ancestors(index, dotted))


def is_transient(index: "RepoIndex", dotted: str) -> bool:
    """A network client's "try again later" error, or a project class derived from one (not the remote's own
    status answer: ``HTTPError``, botocore's ``ClientError``), or a project class the project raises to say
    one happened (``except URLError as exc: raise PartnerUnavailable(...) from exc``)."""
    above = ancestors(index, dotted)
    if any(a in STATUS_ANSWERS for a in above):
        return False
    if any(a in TRANSIENT_ROOTS or a.startswith("aiohttp.client_exceptions.") for a in above):
        return True
    return any(a in translated_transients(index) for a in above)


def translated_transients(index: "RepoIndex") -> frozenset[str]:
    """Project exception classes raised in a handler of a network client's transient error: the project's own
    name for "try again later"."""
    cached = index.__dict__.get("_rootfix_translated_transients")
    if cached is not None:
        return cached
    out: set[str] = set()
    index.__dict__["_rootfix_translated_transients"] = frozenset()  # recursion guard
    for info in index.by_path.values():
        if "raise" not in info.source or "except" not in info.source:
            continue
        for handler in walk_tree(info.tree):
            if not isinstance(handler, ast.ExceptHandler) or handler.type is None:
                continue
            elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
            caught = [canonical(index.resolve(info, e) or "") for e in elts]
            if not any(c and any(a in TRANSIENT_ROOTS for a in ancestors(index, c))
                       and not any(a in STATUS_ANSWERS for a in ancestors(index, c)) for c in caught):
                continue  # (``except HTTPError``: the remote answered; what the project raises there is a verdict)
            for node in walk_tree(handler):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    raised = canonical(index.resolve(info, node.exc.func) or "")
                    if raised and is_project_exception(index, raised):
                        out.add(raised)
    found = frozenset(out)
    index.__dict__["_rootfix_translated_transients"] = found
    return found


def handler_catches(index: "RepoIndex", module: "ModuleInfo", handler: ast.ExceptHandler, exc: str) -> str | None:
    """The type of ``handler`` that catches ``exc`` (dotted), ``"bare except"``, or None."""
    if handler.type is None:
        return "bare except"
    elts = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    above = ancestors(index, exc)
    for e in elts:
        dotted = canonical(index.resolve(module, e) or "")
        if dotted and dotted in above:
            return ast.unparse(e)
    return None


def type_list(index: "RepoIndex", module: "ModuleInfo", expr: ast.expr | None) -> list[str]:
    """Dotted names of ``(A, B)`` / ``[A, B]`` / ``A`` (e.g. an ``autoretry_for`` value)."""
    if expr is None:
        return []
    elts = expr.elts if isinstance(expr, (ast.Tuple, ast.List, ast.Set)) else [expr]
    return [canonical(index.resolve(module, e) or "") for e in elts if index.resolve(module, e)]


__all__ = ["ALIASES", "KNOWN", "ancestors", "canonical", "direct_bases", "handler_catches", "is_project_exception",
           "is_subclass", "is_transient", "type_list"]
