"""fix/llm: SEARCH/REPLACE parsing, the OpenAI-compatible client against a real loopback server,
and ``rootfix fix --llm`` validating an LLM candidate end to end on the ex-cli-args case."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import EXAMPLES, make_git_repo
from rootfix.discover.index import RepoIndex
from rootfix.fix.llm import LLMConfig, LLMStrategy, candidate_from_answer, chat
from rootfix.fix.llm.client import LLMError
from rootfix.fix.llm.edits import EditError, apply_edits, parse_edits
from rootfix.fix.strategies import FixContext
from rootfix.types import BugReport, Component

CASE = EXAMPLES / "cases" / "ex-cli-args"
CMD = "loans/management/commands/send_overdue_notices.py"
NEW_TEST = "tests/test_send_overdue_notices_dry_run.py"

GOOD_ANSWER = f'''\
Root cause: {CMD}, `Command.handle`. argparse stores `--dry-run` under the dest `dry_run`, but handle()
takes a keyword `dryrun`, so the flag lands in **options and `dryrun` stays False: the command sends.

{CMD}
```python
<<<<<<< SEARCH
    def handle(self, *args, branch=None, min_days=1, as_of=None, limit=None, dryrun=False, **options):
=======
    def handle(self, *args, branch=None, min_days=1, as_of=None, limit=None, dry_run=False, **options):
>>>>>>> REPLACE
```

{CMD}
```python
<<<<<<< SEARCH
        report = send_notices(as_of=as_of, branch_code=branch, min_days=min_days, limit=limit, dry_run=dryrun)
=======
        report = send_notices(as_of=as_of, branch_code=branch, min_days=min_days, limit=limit, dry_run=dry_run)
>>>>>>> REPLACE
```

{NEW_TEST}
```python
<<<<<<< SEARCH
=======
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from loans.models import Loan, OverdueNotice

from .conftest import AS_OF


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(patron, make_loan):
    loan = make_loan(patron, AS_OF - timedelta(days=5))
    out = StringIO()
    call_command("send_overdue_notices", "--as-of", "2024-03-20", "--min-days", "3", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert not OverdueNotice.objects.exists()
    assert Loan.objects.get(pk=loan.pk).last_notice_at is None
    assert "would notify 1 patron(s)" in out.getvalue()
>>>>>>> REPLACE
```
'''

NOT_FOUND_ANSWER = f'''\
{CMD}
```python
<<<<<<< SEARCH
    def handle(self, *args, dry=False, **options):
=======
    def handle(self, *args, dry_run=False, **options):
>>>>>>> REPLACE
```
'''


class ChatServer:
    """A real OpenAI-compatible chat-completions server on loopback, with canned answers.

    It checks the request the way a real endpoint would (path, method, JSON body with ``model`` and
    ``messages``) and answers 400 on a malformed request.
    """

    def __init__(self, answers: list[str | int]) -> None:
        self.answers = answers
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def _send(self, code: int, payload: dict) -> None:
                body = json.dumps(payload).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if self.headers.get("Content-Type", "").split(";")[0] != "application/json":
                    return self._send(415, {"error": {"message": "expected JSON"}})
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    return self._send(400, {"error": {"message": "invalid JSON"}})
                msgs = body.get("messages")
                if (not isinstance(body.get("model"), str) or not isinstance(msgs, list) or not msgs
                        or not all(isinstance(m, dict) and m.get("role") in ("system", "user", "assistant")
                                   and isinstance(m.get("content"), str) for m in msgs)):
                    return self._send(400, {"error": {"message": "model and messages[] are required"}})
                server.requests.append(body)
                server.headers.append(dict(self.headers))
                i = min(len(server.requests) - 1, len(server.answers) - 1)
                answer = server.answers[i]
                if isinstance(answer, int):
                    return self._send(answer, {"error": {"message": "server trouble", "type": "server_error"}})
                self._send(200, {
                    "id": f"chatcmpl-{len(server.requests)}", "object": "chat.completion", "created": 1700000000,
                    "model": body["model"],
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": answer}}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                })

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "ChatServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def repo(tmp_path_factory, examples_dir) -> Path:
    return make_git_repo(CASE / "repo", tmp_path_factory.mktemp("llm") / "repo")


def _ctx(repo: Path, cfg: LLMConfig | None) -> FixContext:
    report = BugReport(component_type="cli-tool", component_name="manage.py send_overdue_notices",
                       bug_description="--dry-run sends the emails anyway", expected_behavior="sends nothing",
                       actual_behavior="sends", error_message="notified 141 patron(s)")
    comp = Component(type="cli-tool", flavor="management-command", name="send_overdue_notices", aliases=(),
                     file=CMD, symbol="Command.handle", line=23)
    return FixContext(repo=repo, report=report, index=RepoIndex.build(repo), component=comp,
                      options={"llm": cfg} if cfg else {})


# --------------------------------------------------------------------------- edits
def test_parse_edits_paths_and_blocks() -> None:
    edits = parse_edits(GOOD_ANSWER)
    assert [e.path for e in edits] == [CMD, CMD, NEW_TEST]
    assert edits[0].search.startswith("    def handle(") and edits[0].search.endswith("**options):\n")
    assert "dry_run=False" in edits[0].replace
    assert edits[2].search == "" and edits[2].replace.startswith("from datetime import timedelta")


def test_apply_edits_makes_whole_file_patch(repo: Path) -> None:
    patch, created = apply_edits(repo, parse_edits(GOOD_ANSWER))
    assert created == (NEW_TEST,)
    by_path = {c.path: c for c in patch.changes}
    assert "dryrun" not in by_path[CMD].new and by_path[CMD].old == (repo / CMD).read_text()
    assert by_path[NEW_TEST].old is None


def test_search_not_found_exactly_once_is_rejected(repo: Path) -> None:
    with pytest.raises(EditError, match="found 0 times"):
        apply_edits(repo, parse_edits(NOT_FOUND_ANSWER))
    twice = f"{CMD}\n<<<<<<< SEARCH\n        )\n=======\n        )  # x\n>>>>>>> REPLACE\n"
    with pytest.raises(EditError, match="not exactly once"):
        apply_edits(repo, parse_edits(twice))
    with pytest.raises(EditError, match="outside the repository"):
        apply_edits(repo, parse_edits("../evil.py\n<<<<<<< SEARCH\n=======\nx = 1\n>>>>>>> REPLACE\n"))
    with pytest.raises(EditError, match="no SEARCH/REPLACE"):
        apply_edits(repo, parse_edits("I think the bug is in handle()."))


def test_candidate_refuses_edits_to_existing_tests(repo: Path) -> None:
    answer = ("tests/test_commands.py\n<<<<<<< SEARCH\nfrom datetime import timedelta\n=======\n"
              "from datetime import timedelta  # edited\n>>>>>>> REPLACE\n")
    with pytest.raises(EditError, match="existing test"):
        candidate_from_answer(_ctx(repo, None), "llm:test", answer)


# --------------------------------------------------------------------------- client + strategy
def test_chat_against_loopback_server(monkeypatch) -> None:
    monkeypatch.setenv("ROOTFIX_LLM_API_KEY", "sk-test")
    with ChatServer(["hello"]) as srv:
        text = chat(srv.url, "test", [{"role": "user", "content": "hi"}], timeout=10)
    assert text == "hello"
    assert srv.requests[0]["model"] == "test" and srv.requests[0]["messages"][0]["content"] == "hi"
    assert srv.headers[0]["Authorization"] == "Bearer sk-test"


def test_chat_errors_are_one_line() -> None:
    with ChatServer([500]) as srv:
        with pytest.raises(LLMError, match="HTTP 500"):
            chat(srv.url, "test", [{"role": "user", "content": "hi"}], timeout=10)
        with pytest.raises(LLMError, match="HTTP 404"):
            chat(srv.url.replace("/v1", "/nope"), "m", [{"role": "user", "content": "x"}], timeout=10)
    with pytest.raises(LLMError):  # the server is gone: connection refused
        chat(srv.url, "test", [{"role": "user", "content": "hi"}], timeout=5)


def test_strategy_turns_answers_into_candidates(repo: Path) -> None:
    with ChatServer([NOT_FOUND_ANSWER, GOOD_ANSWER]) as srv:
        props = LLMStrategy().propose(_ctx(repo, LLMConfig(srv.url, "test", samples=2, timeout=10)))
    assert len(srv.requests) == 2
    assert srv.requests[0]["temperature"] == 0.0 and srv.requests[1]["temperature"] > 0
    user = srv.requests[0]["messages"][1]["content"]
    # the rendered template plus gathered context (the command's source)
    assert "send_overdue_notices" in user and "--dry-run sends the emails anyway" in user
    assert "dryrun=False" in user
    assert "SEARCH" in srv.requests[0]["messages"][0]["content"]
    [cand] = props.candidates
    assert cand.strategy == "llm:test" and cand.patch.files == (CMD,)
    assert cand.patch.tests_added == (NEW_TEST,)
    assert cand.regression_tests == (f"{NEW_TEST}::test_dry_run_sends_and_records_nothing",)
    assert "Command.handle" in cand.explanation
    [(bad, verdict)] = props.rejected
    assert not verdict.accepted and "found 0 times" in verdict.reason


def test_strategy_server_error_is_a_rejected_candidate(repo: Path) -> None:
    with ChatServer([503]) as srv:
        props = LLMStrategy().propose(_ctx(repo, LLMConfig(srv.url, "test", samples=3, timeout=10)))
    assert props.candidates == [] and len(srv.requests) == 1  # no retries against a failing endpoint
    assert "HTTP 503" in props.rejected[0][1].reason


# --------------------------------------------------------------------------- end to end
@pytest.mark.slow
def test_rootfix_fix_with_llm_validates_candidate(tmp_path: Path, examples_dir: Path) -> None:
    repo = make_git_repo(CASE / "repo", tmp_path / "repo")
    out = tmp_path / "out"
    env = {**os.environ, "ROOTFIX_STRATEGIES": "llm"}  # only the LLM: the CMD101 rule would fix this too
    with ChatServer([GOOD_ANSWER]) as srv:
        proc = subprocess.run([sys.executable, "-m", "rootfix", "fix", str(CASE / "bug.yaml"), "--repo", str(repo),
                               "--python", sys.executable, "--llm", srv.url, "--model", "test", "--out", str(out),
                               "--apply"], capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads((out / "report.json").read_text())
    assert data["status"] == "fixed" and data["fix"]["strategy"] == "llm:test"
    assert data["root_cause"]["file"] == CMD and data["root_cause"]["symbol"] == "Command.handle"
    assert data["tests_added"] == [NEW_TEST]
    assert data["validation"]["regressions"] == []
    assert "dry_run=False" in (repo / CMD).read_text()  # --apply wrote it
    assert (repo / NEW_TEST).exists()
    # the hidden acceptance test passes on the applied fix
    (repo / "tests" / "test_example_case.py").write_text((CASE / "hidden_test.py").read_text())
    t = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=repo,
                       capture_output=True, text=True, timeout=600)
    assert t.returncode == 0, t.stdout[-2000:]
