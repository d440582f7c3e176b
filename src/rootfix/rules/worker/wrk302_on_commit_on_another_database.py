"""WRK302: an ``on_commit`` callback registered on another database than the transaction it waits for."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable

import libcst as cst

from rootfix.codemod import find_at
from rootfix.project import transactions as T
from rootfix.rules.base import CheckContext, Example, InvariantRef, Replay, Rule
from rootfix.rules.worker import _enqueue as E
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, RepoIndex

ON_COMMIT = "django.db.transaction.on_commit"

_ROUTED = """\
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"},
    "ledger": {"ENGINE": "django.db.backends.sqlite3", "NAME": "ledger.sqlite3"},
}
DATABASE_ROUTERS = ["proj.routers.LedgerRouter"]
"""
_TASKS = "from celery import shared_task\n\n\n@shared_task\ndef send_receipt(entry_id):\n    return entry_id\n"
_SERVICE = """\
from django.db import transaction

from .models import Entry


def post_entry(amount):
    with transaction.atomic(using="ledger"):
        entry = Entry(amount=amount)
        entry.save(using="ledger")
    return entry
"""


def _other_database(using: str | None) -> bool:
    return using is not None and using.strip("'\"") not in ("default", "DEFAULT_DB_ALIAS")


def _has_using(call: ast.Call) -> bool:
    return len(call.args) >= 2 or any(k.arg == "using" or k.arg is None for k in call.keywords)


def _using_text(fn: "FunctionInfo", scope: T.Scope, local: bool) -> str | None:
    """What to pass as ``using=`` at the call: the opener's own expression when the transaction is opened
    in this function, else the ``using`` a signal receiver is sent (the alias the row was saved to)."""
    if local:
        return scope.using
    params = [a.arg for a in [*fn.node.args.args, *fn.node.args.kwonlyargs]]
    return "using" if "using" in params else None


class OnCommitOnAnotherDatabase(Rule):
    """An `on_commit` callback registered on the default database while the transaction is on another.

    ## What it does
    Finds `transaction.on_commit(callback)` calls without `using=` that run while a transaction is open on
    another database: inside `with atomic(using="x")`, or in a function (a `post_save` receiver, a helper)
    that the project calls inside one.

    ## Why is this bad?
    `on_commit()` registers on the connection it is given, `default` when none is. With no transaction
    open on `default` the callback runs at once, before the `atomic(using="x")` block commits: the job it
    publishes reads a row that is not committed yet (`DoesNotExist`), or one that is then rolled back. When
    `default` does have a transaction (a request under `ATOMIC_REQUESTS`), the callback waits for that one
    instead, and runs even if the write on `"x"` was rolled back.

    ## Example
    ```python
    @receiver(post_save, sender=Entry)
    def entry_saved(sender, instance, created, using=None, **kwargs):
        transaction.on_commit(lambda: send_receipt.delay(instance.pk))
    ```

    ## Use instead
    ```python
    transaction.on_commit(lambda: send_receipt.delay(instance.pk), using=using)
    ```

    ## Fix safety
    Safe: the callback is registered on the connection whose transaction is open where the call runs (the
    `using` of the `atomic()` in the same function, or the `using` the receiver is sent); with no
    transaction open on it, Django runs the callback at once, as before.
    """

    code = "WRK302"
    name = "on-commit-on-another-database"
    bug_class = "W3"
    component_types = ("background-worker",)
    fix_safety = "safe"
    scope = "all"

    VALID = (
        Example(
            path="ledger/signals.py",
            code="""\
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Entry
from .tasks import send_receipt


@receiver(post_save, sender=Entry)
def entry_saved(sender, instance, created, using=None, **kwargs):
    transaction.on_commit(lambda: send_receipt.delay(instance.pk), using=using)
""",
            files=(("proj/settings.py", _ROUTED), ("ledger/tasks.py", _TASKS), ("ledger/services.py", _SERVICE)),
        ),
        Example(  # one database: on_commit on default is the transaction's own
            path="ledger/services.py",
            code="""\
from django.db import transaction

from .models import Entry
from .tasks import send_receipt


def post_entry(amount):
    with transaction.atomic():
        entry = Entry.objects.create(amount=amount)
        transaction.on_commit(lambda: send_receipt.delay(entry.pk))
    return entry
""",
            files=(("ledger/tasks.py", _TASKS),),
        ),
        Example(  # the project's unit of work takes a keyword-only using=None: not passed, the default database
            path="ledger/services.py",
            code="""\
from django.db import transaction

from core.db import unit_of_work

from .models import Entry
from .tasks import send_receipt


def post_entry(amount):
    with unit_of_work("post_entry"):
        entry = Entry.objects.create(amount=amount)
        transaction.on_commit(lambda: send_receipt.delay(entry.pk))
    return entry
""",
            files=(("proj/settings.py", _ROUTED), ("ledger/tasks.py", _TASKS), ("core/__init__.py", ""),
                   ("core/db.py", "from contextlib import contextmanager\n\nfrom django.db import transaction\n\n\n"
                                  "@contextmanager\ndef unit_of_work(name, *, actor='system', using=None):\n"
                                  "    with transaction.atomic(using=using):\n        yield name\n")),
        ),
    )
    INVALID = (
        Example(
            path="ledger/signals.py",
            code="""\
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Entry
from .tasks import send_receipt


@receiver(post_save, sender=Entry)
def entry_saved(sender, instance, created, using=None, **kwargs):
    transaction.on_commit(lambda: send_receipt.delay(instance.pk))
""",
            fixed="""\
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Entry
from .tasks import send_receipt


@receiver(post_save, sender=Entry)
def entry_saved(sender, instance, created, using=None, **kwargs):
    transaction.on_commit(lambda: send_receipt.delay(instance.pk), using=using)
""",
            files=(("proj/settings.py", _ROUTED), ("ledger/tasks.py", _TASKS), ("ledger/services.py", _SERVICE)),
        ),
        Example(  # the transaction is opened in the same function
            path="ledger/services.py",
            code="""\
from django.db import transaction

from .models import Entry
from .tasks import send_receipt


def post_entry(amount):
    with transaction.atomic(using="ledger"):
        entry = Entry.objects.using("ledger").create(amount=amount)
        transaction.on_commit(lambda: send_receipt.delay(entry.pk))
    return entry
""",
            fixed="""\
from django.db import transaction

from .models import Entry
from .tasks import send_receipt


def post_entry(amount):
    with transaction.atomic(using="ledger"):
        entry = Entry.objects.using("ledger").create(amount=amount)
        transaction.on_commit(lambda: send_receipt.delay(entry.pk), using="ledger")
    return entry
""",
            files=(("ledger/tasks.py", _TASKS),),
        ),
    )

    # ------------------------------------------------------------------ detection
    def _sites(self, index: "RepoIndex", fn: "FunctionInfo") -> Iterable[tuple[ast.Call, T.Scope, bool]]:
        """``(on_commit call, the other database's transaction, whether it is opened in fn)``."""
        module = index.module_of(fn)
        for call in (n for n in walk_tree(fn.node) if isinstance(n, ast.Call)):
            if index.resolve(module, call.func) != ON_COMMIT or _has_using(call):
                continue
            local = T.local_scope(index, fn, call)
            scopes = [local] if local is not None else T.function_scopes(index, fn)
            other = next((s for s in scopes if _other_database(s.using)), None)
            if other is not None:
                yield call, other, local is not None

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        index = ctx.index
        for fn in sorted(index.functions.values(), key=lambda f: (f.file, f.line)):
            if E.is_test_code(fn.file) or ".<locals>." in fn.symbol:
                continue
            for call, scope, _local in self._sites(index, fn):
                using = _using_text(fn, scope, _local)
                yield self.finding(
                    fn, call,
                    f"on_commit() registers its callback on the default database, but the transaction it should "
                    f"wait for is atomic(using={scope.using}) ({scope.why}): the callback runs when 'default' "
                    f"commits (at once, when no transaction is open there), before the write is committed; "
                    + (f"pass using={using}" if using else "pass the transaction's database as using="),
                    related=scope.related)

    # ------------------------------------------------------------------ fix
    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        site = next(((c, s, loc) for c, s, loc in self._sites(index, fn) if c.lineno == finding.line), None)
        if site is None:
            return None
        call, scope, local = site
        using = _using_text(fn, scope, local)
        if using is None:
            return None
        source = index.by_path[finding.file].source
        tree, node = find_at(cst.parse_module(source), call.lineno, cst.Call, col=call.col_offset)
        if node is None:
            return None
        arg = cst.Arg(keyword=cst.Name("using"), value=cst.parse_expression(using),
                      equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                            whitespace_after=cst.SimpleWhitespace("")))
        args = list(node.args)
        if args:
            args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        new = tree.deep_replace(node, node.with_changes(args=[*args, arg])).code
        return Patch(changes=(FileChange(finding.file, source, new),))

    def regression(self, index: "RepoIndex", finding: Finding) -> Replay | None:
        """Replay the project's tests that reach the function opening the transaction (or the receiver),
        checking that every ``on_commit`` callback registered inside a transaction is registered on it."""
        targets = []
        for path, line, why in finding.related:
            if why.startswith("transaction opened in") or " receives " in why or " saves inside " in why:
                fn = index.enclosing_function(path, line)
                if fn is not None and fn not in targets:
                    targets.append(fn)
        own = index.enclosing_function(finding.file, finding.line)
        if own is not None and own not in targets:
            targets.append(own)
        return Replay(finding.symbol, tuple(targets), InvariantRef("on-commit-alias")) if targets else None
