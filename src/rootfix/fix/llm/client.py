"""A minimal OpenAI-compatible chat-completions client (stdlib ``urllib`` only).

``POST {base_url}/chat/completions`` with ``{"model", "messages", "temperature"}``; the answer's
``choices[0].message.content`` is returned. The API key comes from ``ROOTFIX_LLM_API_KEY`` or
``OPENAI_API_KEY`` when set (sent as ``Authorization: Bearer ...``). Every failure is an
:class:`LLMError` with a one-line reason.
"""
from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from typing import Any

KEY_VARIABLES = ("ROOTFIX_LLM_API_KEY", "OPENAI_API_KEY")


class LLMError(Exception):
    """A request to the LLM endpoint failed (the message is one line)."""


def api_key() -> str | None:
    for name in KEY_VARIABLES:
        value = os.environ.get(name)
        if value:
            return value
    return None


def endpoint(base_url: str) -> str:
    """``http://host/v1`` -> ``http://host/v1/chat/completions`` (a full URL is kept)."""
    url = base_url.rstrip("/")
    return url if url.endswith("/chat/completions") else url + "/chat/completions"


def chat(base_url: str, model: str, messages: list[dict[str, str]], *, temperature: float = 0.0,
         timeout: float = 120.0, max_tokens: int | None = None) -> str:
    """One chat completion; returns the assistant message's text."""
    body: dict[str, Any] = {"model": model, "messages": messages, "temperature": temperature}
    if max_tokens:
        body["max_tokens"] = max_tokens
    headers = {"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "rootfix"}
    key = api_key()
    if key:
        headers["Authorization"] = f"Bearer {key}"
    url = endpoint(base_url)
    req = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (user-given endpoint)
            raw = resp.read()
    except urllib.error.HTTPError as exc:
        detail = ""
        try:
            detail = exc.read().decode("utf-8", "replace")[:200].replace("\n", " ")
        except Exception:
            pass
        raise LLMError(f"{url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as exc:
        raise LLMError(f"{url}: {exc.reason}") from None
    except (socket.timeout, TimeoutError):
        raise LLMError(f"{url}: no answer within {timeout:.0f}s") from None
    except (OSError, ValueError) as exc:
        raise LLMError(f"{url}: {exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LLMError(f"{url}: answer is not JSON ({exc})") from None
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        err = data.get("error") if isinstance(data, dict) else None
        if err:
            msg = err.get("message") if isinstance(err, dict) else err
            raise LLMError(f"{url}: {msg}") from None
        raise LLMError(f"{url}: answer has no choices[0].message.content") from None
    if not isinstance(content, str) or not content.strip():
        raise LLMError(f"{url}: empty answer")
    return content
