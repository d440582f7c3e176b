"""JOB104: a job records each send in a log row of its own and never looks at the log before sending."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, ProjectTestCalls, Rule
from rootfix.rules.job._lib.blocks import is_test_code
from rootfix.rules.job._lib.job_test import entry_call
from rootfix.rules.job._lib.sent_logs import SentLog, guard_text, sent_logs
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_MODELS = (
    "from django.db import models\n\n\n"
    "class Prescription(models.Model):\n"
    "    refill_due_on = models.DateField()\n\n\n"
    "class RefillReminder(models.Model):\n"
    "    prescription = models.ForeignKey(Prescription, on_delete=models.CASCADE)\n"
    "    due_on = models.DateField()\n"
    "    status = models.CharField(max_length=10, default='pending')\n")
_SERVICE = (
    "from django.core.management.base import BaseCommand\n\n"
    "from pharmacy import sms\n"
    "from pharmacy.models import Prescription, RefillReminder\n\n\n"
    "def remind(prescription):\n"
    "{guard}"
    "    reminder = RefillReminder.objects.create(prescription=prescription, due_on=prescription.refill_due_on)\n"
    "    sms.send(prescription.pk, 'your refill is due')\n"
    "    reminder.status = 'sent'\n"
    "    reminder.save()\n"
    "    return reminder\n\n\n"
    "class Command(BaseCommand):\n"
    "    def handle(self, *args, **options):\n"
    "        for prescription in Prescription.objects.all():\n"
    "            remind(prescription)\n")
_GUARD = ("    if RefillReminder.objects.filter(\n"
          "        prescription=prescription,\n"
          "        due_on=prescription.refill_due_on,\n"
          "        status='sent',\n"
          "    ).exists():\n"
          "        return\n")


class SendLogNeverRead(Rule):
    """A job writes a log row for every message it sends, and sends again on every run because it never reads it.

    ## What it does
    Finds, in scheduled-job and command code, a `Log.objects.create(item=item, day=item.due_on, ...)` of a model
    with a foreign key to the rows the job goes through, followed by a side effect (`send`, `notify`, `charge`,
    `enqueue`...) for that row, where nothing in the job looks the log up (`Log.objects.filter(...)`, `exists()`,
    `get_or_create`, the rows' reverse relation in the job's query) - per item of the job's loop, or in the
    function the loop calls for each item.

    ## Why is this bad?
    The log row looks like a done-marker, but a record nobody reads marks nothing: a retry after a crash half-way,
    an operator re-running the job after a deploy, or a scheduler that fires twice texts, mails or charges every
    row again - each time with a fresh log row that says it was sent.

    ## Example
    ```python
    def remind(prescription):
        reminder = RefillReminder.objects.create(prescription=prescription, due_on=prescription.refill_due_on)
        sms.send(prescription.patient.mobile, text)
        reminder.status = RefillReminder.Status.SENT
        reminder.save()
    ```

    ## Use instead
    ```python
    def remind(prescription):
        if RefillReminder.objects.filter(prescription=prescription, due_on=prescription.refill_due_on,
                                         status=RefillReminder.Status.SENT).exists():
            return None
        reminder = RefillReminder.objects.create(prescription=prescription, due_on=prescription.refill_due_on)
        ...
    ```

    ## Fix safety
    Unsafe: before the log row is created, the job skips the item when a log row with the same key exists (the
    item and the values the row takes from it; the status the job sets once the side effect succeeded, when it
    sets one), with `continue` in a loop, or `return None` in a function whose other early exits return nothing
    or whose callers do not read what it returns.
    A failed earlier attempt is then tried again, a done one is not. Two runs at the same moment can still both
    send (that needs a lock or a unique constraint).
    """

    code = "JOB104"
    name = "send-log-never-read"
    bug_class = "S1"
    component_types = ("scheduled-job", "cli-tool")
    fix_safety = "unsafe"

    VALID = (
        Example(path="pharmacy/management/commands/remind.py", files=(("pharmacy/models.py", _MODELS), ("pharmacy/sms.py", "def send(*a):\n    pass\n")),
                code=_SERVICE.format(guard=_GUARD)),
        Example(path="pharmacy/management/commands/remind.py", files=(("pharmacy/models.py", _MODELS), ("pharmacy/sms.py", "def send(*a):\n    pass\n")),
                code=(  # an audit trail of a read-only job: no side effect after the row
                    "from django.core.management.base import BaseCommand\n\n"
                    "from pharmacy.models import Prescription, RefillReminder\n\n\n"
                    "class Command(BaseCommand):\n"
                    "    def handle(self, *args, **options):\n"
                    "        for prescription in Prescription.objects.all():\n"
                    "            RefillReminder.objects.create(prescription=prescription, due_on=prescription.refill_due_on)\n")),
    )
    INVALID = (
        Example(path="pharmacy/management/commands/remind.py", files=(("pharmacy/models.py", _MODELS), ("pharmacy/sms.py", "def send(*a):\n    pass\n")),
                code=_SERVICE.format(guard=""), fixed=_SERVICE.format(guard=_GUARD)),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in ctx.functions():
            if is_test_code(fn.file, fn.node.name):
                continue
            for log in sent_logs(ctx.index, fn):
                name = log.model.rsplit(".", 1)[-1]
                yield self.finding(fn, log.create, (
                    f"`{name}.objects.create()` records each `{log.effect}()` of the job, but nothing reads "
                    f"{name} before sending: a rerun sends to every row again (and logs it again); skip the rows "
                    f"that already have a {name}"), file=fn.file)

    def _log(self, index: "RepoIndex", finding: Finding) -> SentLog | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        return next((log for log in sent_logs(index, fn)
                     if (log.create.lineno, log.create.col_offset) == (finding.line, finding.col)), None)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        log = self._log(index, finding)
        if log is None:
            return None
        source = index.by_path[finding.file].source
        text = guard_text(index, log)
        if text is None:
            return None
        lines = source.splitlines(keepends=True)
        at = log.statement.lineno - 1
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        guard = "".join(indent + line + "\n" for line in text.splitlines())
        new = "".join(lines[:at]) + guard + "".join(lines[at:])
        try:
            ast.parse(new)
        except SyntaxError:
            return None
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that runs the job, then run it again: no new log rows."""
        log = self._log(index, finding)
        fn = index.enclosing_function(finding.file, finding.line)
        entry = entry_call(index, fn) if fn is not None and log is not None else None
        if entry is None or log is None:
            return None
        name = log.model.rsplit(".", 1)[-1]
        dotted = log.model[4:] if log.model.startswith("src.") else log.model
        keys = [k.arg for k in log.keys if k.arg]
        done = _done_value(index, log)
        if log.done is not None and done is None:
            return None  # a "sent" state the test cannot spell: every retried failure would count as a resend
        return DirectTest(fn.symbol, fn.file, ("job104_rerun_sends_nothing_twice",), dict(
            name=name, keys=", ".join(keys), keys_repr=repr(keys), entry_imports=entry[0], model_repr=repr(dotted),
            run=entry[1], done_repr=repr(done or {}),
            done_words=f" in the state {done!r}" if done else ""),
            calls=ProjectTestCalls(fn, "_rerun_sends_nothing_twice"))


def _done_value(index: "RepoIndex", log: SentLog) -> dict[str, object] | None:
    """``{field: value}`` of the log's "sent" state as a literal: ``'sent'``, or the value of a choices
    member the job assigns (``RefillReminder.Status.SENT`` -> ``'sent'``); None when it is not literal."""
    if log.done is None:
        return None
    field, source = log.done
    try:
        return {field: ast.literal_eval(source)}
    except ValueError:
        pass
    member = source.rsplit(".", 1)[-1]
    found = index.lookup_class(log.model)
    if found is None:
        return None
    for node in walk_tree(found[1]):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and node.targets[0].id == member:
            value = node.value.elts[0] if isinstance(node.value, ast.Tuple) and node.value.elts else node.value
            if isinstance(value, ast.Constant):
                return {field: value.value}
    return None
