"""CMD101: ``handle()`` reads an option under a name that no ``add_argument`` produces."""
from __future__ import annotations

import ast
import difflib
from typing import TYPE_CHECKING, Iterable, Iterator

import libcst as cst

from rootfix.project.paths import module_name
from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex

#: Options every Django management command has (BaseCommand.create_parser).
DJANGO_OPTIONS = frozenset({
    "verbosity", "settings", "pythonpath", "traceback", "no_color", "force_color", "skip_checks", "args",
})
COMMAND_BASES = frozenset({"BaseCommand", "LabelCommand", "AppCommand"})


def _dest(call: ast.Call) -> str | None:
    """The ``dest`` argparse derives for an ``add_argument`` call; None when it cannot be told."""
    for kw in call.keywords:
        if kw.arg == "dest":
            return kw.value.value if isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str) else None
        if kw.arg is None:  # **kwargs: unknown
            return None
    names = []
    for arg in call.args:
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            return None
        names.append(arg.value)
    if not names:
        return None
    if not names[0].startswith("-"):
        # a positional argument's dest is its name as written: argparse keeps its hyphens
        return names[0] if len(names) == 1 else None
    longs = [n for n in names if n.startswith("--")]
    return (longs[0] if longs else names[0]).lstrip("-").replace("-", "_")


def option_dests(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef, depth: int = 0) -> set[str] | None:
    """Every dest the command's parser gets (its ``add_arguments`` and project base classes').

    None when any of them cannot be computed statically (dynamic names, unknown bases).
    """
    dests = set(DJANGO_OPTIONS)
    for stmt in cls.body:
        # stealth_options: accepted from call_command() although the parser does not define them
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "stealth_options"
                                                for t in stmt.targets):
            try:
                dests.update(str(v) for v in ast.literal_eval(stmt.value))
            except (ValueError, SyntaxError, TypeError):
                return None
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "add_arguments":
            parser = stmt.args.args[1].arg if len(stmt.args.args) > 1 else "parser"
            for node in walk_tree(stmt):
                if not isinstance(node, ast.Call):
                    continue
                if isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
                    dest = _dest(node)
                    if dest is None:
                        return None
                    dests.add(dest)
                elif isinstance(node.func, ast.Attribute) and node.func.attr in ("add_subparsers", "set_defaults"):
                    # add_subparsers(dest="command") names the chosen sub-command; set_defaults(k=v) sets k
                    for kw in node.keywords:
                        if kw.arg is None:
                            return None
                        if node.func.attr == "set_defaults":
                            dests.add(kw.arg)
                        elif kw.arg == "dest":
                            if not (isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)):
                                return None
                            dests.add(kw.value.value)
                    continue
                elif any(isinstance(a, ast.Name) and a.id == parser for a in [*node.args, *(k.value for k in node.keywords)]):
                    return None  # the parser is handed to other code (a runner, super()): options unknown
    for base in cls.bases:
        dotted = index.resolve(module, base) or ""
        if dotted.split(".")[-1] in COMMAND_BASES and dotted.startswith("django."):
            continue
        found = index.lookup_class(dotted) if depth < 5 else None
        if found is None:
            return None  # a base we cannot see may add options
        base_dests = option_dests(index, found[0], found[1], depth + 1)
        if base_dests is None:
            return None
        dests |= base_dests
    return dests


def _is_command_module(path: str) -> bool:
    parts = path.split("/")
    return len(parts) >= 3 and parts[-2] == "commands" and parts[-3] == "management" and not parts[-1].startswith("_")


_MOORINGS = (
    "from django.core.management.base import BaseCommand\n\n\n"
    "class Command(BaseCommand):\n"
    "    def add_arguments(self, parser):\n"
    "        actions = parser.add_subparsers(dest='action', required=True)\n"
    "        invoice = actions.add_parser('invoice')\n"
    "        invoice.add_argument('--skip-paid', action='store_true')\n"
    "        actions.add_parser('vacant')\n\n"
    "    def handle(self, *args, **options):\n"
    "        handler = getattr(self, f\"_handle_{{options['action']}}\")\n"
    "        handler(options)\n\n"
    "    def _handle_invoice(self, options):\n"
    "        return options.get({key!r}, False)\n\n"
    "    def _handle_vacant(self, options):\n"
    "        return []\n"
)


class OptionWithoutDest(Rule):
    """Command option read under a name the parser never sets.

    ## What it does
    Checks management commands whose `handle()` takes a named parameter, or reads
    `options["key"]` / `options.get("key")`, where no `add_argument` of the command produces
    that `dest` (argparse turns `--dry-run` into `dry_run`).

    ## Why is this bad?
    Django passes every parsed option to `handle(**options)`. A parameter spelled differently
    from the option's dest (`dryrun` for `--dry-run`) never receives the value: it silently keeps
    its default, so `--dry-run` is accepted and ignored, and the command does the real thing.
    `options.get("dryrun")` fails the same silent way.

    ## Example
    ```python
    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dryrun=False, **options):
        send_notices(dry_run=dryrun)
    ```

    ## Use instead
    ```python
    def handle(self, *args, dry_run=False, **options):
        send_notices(dry_run=dry_run)
    ```

    ## Fix safety
    Safe: the parameter (or key) is renamed to the closest dest the parser defines, together with
    its uses inside `handle()`; offered only when exactly one dest is a close match.
    """

    code = "CMD101"
    name = "option-without-dest"
    bug_class = "C1"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(
            path="loans/management/commands/send_notices.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--dry-run', action='store_true')\n"
                "        parser.add_argument('--min-days', type=int, default=1)\n"
                "        parser.add_argument('branch', nargs='?')\n\n"
                "    def handle(self, *args, dry_run=False, min_days=1, branch=None, **options):\n"
                "        verbosity = options['verbosity']\n"
                "        return f'{dry_run} {min_days} {branch} {verbosity}'\n"
            ),
        ),
        Example(  # options handed in by call_command() only, and options a test runner adds
            path="ops/management/commands/reset_demo.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    stealth_options = ('reset_sequences', 'allow_cascade')\n\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--noinput', action='store_false', dest='interactive')\n"
                "        DemoRunner.add_arguments(parser)\n\n"
                "    def handle(self, **options):\n"
                "        return options['reset_sequences'], options['interactive'], options['parallel']\n"
            ),
        ),
        Example(  # a positional's dest keeps its hyphen; sub-commands and set_defaults() set dests too
            path="ops/management/commands/sync_feed.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('feed-url')\n"
                "        sub = parser.add_subparsers(dest='action')\n"
                "        pull = sub.add_parser('pull')\n"
                "        pull.set_defaults(handler='pull')\n\n"
                "    def handle(self, *args, **options):\n"
                "        return options['feed-url'], options['action'], options.get('handler')\n"
            ),
        ),
        Example(
            path="billing/management/commands/close_period.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--as-of', dest='period_end')\n\n"
                "    def handle(self, **options):\n"
                "        return options.get('period_end')\n"
            ),
        ),
    )
    INVALID = (
        Example(  # sub-commands dispatched by name to methods handed the options
            path="harbour/management/commands/moorings.py",
            code=_MOORINGS.format(key="skip_paid_invoices"),
            fixed=_MOORINGS.format(key="skip_paid"),
        ),
        Example(  # the options handed on to a helper method, read there under a name no option has
            path="gauges/management/commands/export_readings.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--station', action='append', dest='station_codes')\n\n"
                "    def selected(self, options):\n"
                "        return options.get('stations') or []\n\n"
                "    def handle(self, *args, **options):\n"
                "        for code in self.selected(options):\n"
                "            self.stdout.write(code)\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--station', action='append', dest='station_codes')\n\n"
                "    def selected(self, options):\n"
                "        return options.get('station_codes') or []\n\n"
                "    def handle(self, *args, **options):\n"
                "        for code in self.selected(options):\n"
                "            self.stdout.write(code)\n"
            ),
        ),
        Example(
            path="loans/management/commands/send_overdue_notices.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--dry-run', action='store_true', help='send nothing')\n\n"
                "    def handle(self, *args, dryrun=False, **options):\n"
                "        # preview only\n"
                "        return send_notices(dry_run=dryrun)\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--dry-run', action='store_true', help='send nothing')\n\n"
                "    def handle(self, *args, dry_run=False, **options):\n"
                "        # preview only\n"
                "        return send_notices(dry_run=dry_run)\n"
            ),
        ),
        Example(
            path="stock/management/commands/reorder.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--warehouse')\n"
                "        parser.add_argument('--max-items', type=int)\n\n"
                "    def handle(self, **options):\n"
                "        limit = options.get('max_item')\n"
                "        return options['warehouse'], limit\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--warehouse')\n"
                "        parser.add_argument('--max-items', type=int)\n\n"
                "    def handle(self, **options):\n"
                "        limit = options.get('max_items')\n"
                "        return options['warehouse'], limit\n"
            ),
        ),
        Example(  # handle() hands its **options to a helper whose keyword is misspelt
            path="stock/management/commands/release_holds.py",
            code=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--dry-run', action='store_true')\n\n"
                "    def handle(self, *args, **options):\n"
                "        self.release_all(**options)\n\n"
                "    def release_all(self, dryrun=False, **options):\n"
                "        return 'preview' if dryrun else 'released'\n"
            ),
            fixed=(
                "from django.core.management.base import BaseCommand\n\n\n"
                "class Command(BaseCommand):\n"
                "    def add_arguments(self, parser):\n"
                "        parser.add_argument('--dry-run', action='store_true')\n\n"
                "    def handle(self, *args, **options):\n"
                "        self.release_all(**options)\n\n"
                "    def release_all(self, dry_run=False, **options):\n"
                "        return 'preview' if dry_run else 'released'\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for path, module in ctx.index.by_path.items():
            if not _is_command_module(path) or "Command" not in module.classes:
                continue
            handle = module.functions.get("Command.handle")
            if handle is None or not ctx.in_scope(handle):
                continue
            dests = option_dests(ctx.index, module, module.classes["Command"])
            if dests is None:
                continue
            yield from self._check_handle(handle, dests)
            for method, mapping in _kept_on_self(module, handle):
                for node, key in _option_reads(method.node, mapping):
                    if key not in dests:
                        yield self.finding(method, node, self._message(f"`{mapping}[{key!r}]` in {method.symbol}()",
                                                                       key, dests))
            for target, explicit in _forwarded(ctx.index, module, handle):
                yield from self._check_forwarded(target, dests, explicit)
            for target, param in _passed_on(ctx.index, module, handle):
                for node, key in _option_reads(target.node, param):
                    if key not in dests:
                        yield self.finding(target, node, self._message(
                            f"`{param}[{key!r}]` in {target.symbol}() (given the options)", key, dests))

    def _check_forwarded(self, fn: "FunctionInfo", dests: set[str], explicit: set[str]) -> Iterator[Finding]:
        """A function handle() passes its whole ``**options`` to: its keyword parameters are options too."""
        for arg in _keyword_params(fn):
            if arg.arg not in dests and arg.arg not in explicit:
                yield self.finding(fn, arg, self._message(f"parameter `{arg.arg}` of {fn.symbol}() (given **options)",
                                                          arg.arg, dests))
        kwargs = fn.node.args.kwarg.arg if fn.node.args.kwarg else None
        if kwargs:
            for node, key in _option_reads(fn.node, kwargs):
                if key not in dests and key not in explicit:
                    yield self.finding(fn, node, self._message(f"`{kwargs}[{key!r}]` in {fn.symbol}()", key, dests))

    def _check_handle(self, handle: "FunctionInfo", dests: set[str]) -> Iterator[Finding]:
        args = handle.node.args
        named = [a for a in [*args.posonlyargs, *args.args][1:]] + list(args.kwonlyargs)
        for arg in named:
            if arg.arg not in dests:
                yield self.finding(handle, arg, self._message(f"parameter `{arg.arg}`", arg.arg, dests))
        kwargs = args.kwarg.arg if args.kwarg else None
        if not kwargs:
            return
        for node, key in _option_reads(handle.node, kwargs):
            if key not in dests:
                yield self.finding(handle, node, self._message(f"`{kwargs}[{key!r}]`", key, dests))

    @staticmethod
    def _message(what: str, name: str, dests: set[str]) -> str:
        close = difflib.get_close_matches(name, sorted(dests - DJANGO_OPTIONS), n=1, cutoff=0.6)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        return f"handle() reads {what}, but no option sets `{name}`: it always keeps its default{hint}"

    # ------------------------------------------------------------------ fix
    def _command_of(self, index: "RepoIndex", finding: Finding) -> tuple["ModuleInfo", "FunctionInfo", "FunctionInfo"] | None:
        """(command module, its handle, the function holding the finding: handle or a **options target)."""
        module = index.by_path.get(finding.file)
        if module is not None and "Command" in module.classes and module.functions.get("Command.handle") is not None:
            handle = module.functions["Command.handle"]
            if handle.line <= finding.line <= handle.end_line:
                return module, handle, handle
        fn = index.enclosing_function(finding.file, finding.line)
        if fn is None:
            return None
        if module is not None and "Command" in module.classes and module.functions.get("Command.handle") is not None:
            handle = module.functions["Command.handle"]
            # a helper the options reach as an argument (``self.selected(options)``), or a method reading what
            # handle() kept on the instance
            if any(t.qualname == fn.qualname for t, _ in _passed_on(index, module, handle)) \
                    or any(m.qualname == fn.qualname for m, _ in _kept_on_self(module, handle)):
                return module, handle, fn
        for caller, _ in index.callers(fn):
            cmod = index.module_of(caller)
            if caller.symbol == "Command.handle" and _is_command_module(cmod.path) and any(
                    t.qualname == fn.qualname for t, _ in _forwarded(index, cmod, caller)):
                return cmod, caller, fn
        return None

    def _replacement(self, index: "RepoIndex", finding: Finding) -> tuple["FunctionInfo", str, str] | None:
        found = self._command_of(index, finding)
        if found is None:
            return None
        module, handle, holder = found
        dests = option_dests(index, module, module.classes["Command"])
        if dests is None:
            return None
        old = _name_at(holder.node, finding.line, finding.col)
        if old is None:
            return None
        close = difflib.get_close_matches(old, sorted(dests - DJANGO_OPTIONS), n=2, cutoff=0.6)
        if not close or (len(close) == 2 and difflib.SequenceMatcher(None, old, close[0]).ratio()
                         == difflib.SequenceMatcher(None, old, close[1]).ratio()):
            return None
        new = close[0]
        if _inverted(index, module, module.classes["Command"], old, new):
            return None
        params = {a.arg for a in [*holder.node.args.args, *holder.node.args.kwonlyargs]}
        if new in params:
            return None
        return holder, old, new

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        found = self._replacement(index, finding)
        if found is None:
            return None
        holder, old, new = found
        module = index.by_path[finding.file]
        tree = cst.parse_module(module.source)
        updated = tree.visit(_RenameInHandle(old, new, holder.symbol))
        if updated.code == module.source:
            return None
        return Patch(changes=(FileChange(finding.file, module.source, updated.code),))

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        found = self._replacement(index, finding)
        if found is None:
            return None
        holder, old, new = found
        cmod, handle, _ = self._command_of(index, finding)
        command = cmod.path.rsplit("/", 1)[-1][:-3]
        forwarded, imports, explicit = [], [], set()
        for target, passed in _forwarded(index, cmod, handle):
            if target.class_name == "Command" and target.file == cmod.path:
                forwarded.append(f"Command.{target.node.name}")
            elif target.class_name is None:
                alias = f"_forwarded{len(imports)}"
                imports.append(f"from {module_name(target.file)} import {target.node.name} as {alias}\n")
                forwarded.append(alias)
            else:
                return None
            explicit |= passed
        handed = []  # functions handle() hands the mapping itself to, as an argument
        for target, param in _passed_on(index, cmod, handle):
            if target.class_name == "Command" and target.file == cmod.path:
                handed.append(f"(Command.{target.node.name}, {param!r})")
            elif target.class_name is None:
                alias = f"_handed{len(imports)}"
                imports.append(f"from {module_name(target.file)} import {target.node.name} as {alias}\n")
                handed.append(f"({alias}, {param!r})")
        forwarded_check = ""
        if handed:
            forwarded_check += (f"    for function, name in ({', '.join(handed)},):\n"
                                "        read |= set(_option_keys(function, name))\n")
        if forwarded:  # functions handle() hands its whole **options to read them as keywords
            forwarded_check += (
                f"    for function in ({', '.join(forwarded)},):\n"
                "        params = inspect.signature(function).parameters.values()\n"
                "        read |= {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)\n"
                "                 and p.default is not p.empty}\n"
                "        if inspect.getfullargspec(function).varkw:\n"
                "            read |= set(_option_keys(function))\n"
                f"    read -= set({sorted(explicit)!r})\n"
            )
        return DirectTest(command, cmod.path, ("cmd101_reads_parser_dests",), dict(
            command=command, old=old, flag=new.replace("_", "-"), imports="".join(imports),
            forwarded=forwarded_check, forwarded_indented="".join("    " + line + "\n" for line in forwarded_check.splitlines()),
            class_name="".join(p.title() for p in command.split("_"))))


def _inverted(index: "RepoIndex", module: "ModuleInfo", cls: ast.ClassDef, old: str, new: str, depth: int = 0) -> bool:
    """True when ``new``'s argument stores the opposite of what ``old`` names: ``--no-email`` with
    ``dest="send_email", action="store_false"`` read as ``options["no_email"]`` means *not* send_email,
    so renaming the key would invert the option."""
    for stmt in cls.body:
        if not (isinstance(stmt, ast.FunctionDef) and stmt.name == "add_arguments"):
            continue
        for node in walk_tree(stmt):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "add_argument" and _dest(node) == new):
                continue
            action = next((k.value.value for k in node.keywords if k.arg == "action"
                           and isinstance(k.value, ast.Constant)), None)
            flags = {a.value.lstrip("-").replace("-", "_") for a in node.args
                     if isinstance(a, ast.Constant) and isinstance(a.value, str)}
            if action in ("store_false", "store_const") or (old in flags and action != "store_true"):
                return True
            if old.startswith("no_") != new.startswith("no_"):
                return True
    if depth < 5:
        for base in cls.bases:
            found = index.lookup_class(index.resolve(module, base) or "")
            if found is not None and _inverted(index, found[0], found[1], old, new, depth + 1):
                return True
    return False


def _is_mapping(expr: ast.expr, mapping: str) -> bool:
    """``expr`` is the options mapping: a name (``options``) or an attribute of self (``self.options``)."""
    if isinstance(expr, ast.Name):
        return expr.id == mapping
    return (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
            and f"{expr.value.id}.{expr.attr}" == mapping)


def _option_reads(fn: ast.AST, mapping: str) -> Iterator[tuple[ast.AST, str]]:
    for node in walk_tree(fn):
        if (isinstance(node, ast.Subscript) and _is_mapping(node.value, mapping)
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)
                and isinstance(node.ctx, ast.Load)):
            yield node.slice, node.slice.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("get", "pop") and _is_mapping(node.func.value, mapping)
              and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)):
            yield node.args[0], node.args[0].value


def _kept_on_self(module: "ModuleInfo", handle: "FunctionInfo") -> Iterator[tuple["FunctionInfo", str]]:
    """``(method, "self.<attr>")`` for every other method of the command when ``handle()`` keeps its
    ``**options`` on the instance (``self.options = options``)."""
    kwargs = handle.node.args.kwarg.arg if handle.node.args.kwarg else None
    self_name = handle.node.args.args[0].arg if handle.node.args.args else None
    if not kwargs or not self_name:
        return
    for node in walk_tree(handle.node):
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id == kwargs
                and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute)
                and isinstance(node.targets[0].value, ast.Name) and node.targets[0].value.id == self_name):
            attr = node.targets[0].attr
            for name, fn in module.functions.items():
                if name.startswith("Command.") and fn is not handle and fn.node.args.args:
                    yield fn, f"{fn.node.args.args[0].arg}.{attr}"


def _name_at(fn: ast.FunctionDef | ast.AsyncFunctionDef, line: int, col: int) -> str | None:
    for arg in [*fn.args.args, *fn.args.kwonlyargs, *fn.args.posonlyargs]:
        if arg.lineno == line and arg.col_offset == col:
            return arg.arg
    for node in walk_tree(fn):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and node.lineno == line and node.col_offset == col):
            return node.value
    return None


def _keyword_params(fn: "FunctionInfo") -> list[ast.arg]:
    """Parameters of ``fn`` that can take a keyword and have a default (self/cls excluded)."""
    a = fn.node.args
    positional = [*a.posonlyargs, *a.args]
    with_default = positional[len(positional) - len(a.defaults):] if a.defaults else []
    if fn.class_name and positional and positional[0] in with_default:
        with_default = with_default[1:]
    kwonly = [arg for arg, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
    return [arg for arg in with_default if arg not in a.posonlyargs] + kwonly


def _passed_on(index: "RepoIndex", module: "ModuleInfo", handle: "FunctionInfo",
               depth: int = 3) -> list[tuple["FunctionInfo", str]]:
    """``(function, parameter)`` for each project function the options mapping reaches as a plain argument:
    ``self.readings(options)`` -> ``readings(self, options)``, and from there ``self.selected(options)``."""
    kwargs = handle.node.args.kwarg.arg if handle.node.args.kwarg else None
    if not kwargs:
        return []
    out: list[tuple[FunctionInfo, str]] = []
    seen = {(handle.qualname, kwargs)}
    frontier = [(handle, kwargs)]
    for _ in range(depth):
        nxt = []
        for fn, name in frontier:
            fmod = index.module_of(fn)
            for node in walk_tree(fn.node):
                if not isinstance(node, ast.Call):
                    continue
                at = [i for i, a in enumerate(node.args) if isinstance(a, ast.Name) and a.id == name]
                by = [k.arg for k in node.keywords if k.arg and isinstance(k.value, ast.Name) and k.value.id == name]
                if not at and not by:
                    continue
                target = index.resolve_call(fmod, node, fn.class_name)
                dispatched = _dispatched(fmod, fn, node) if target is None else []
                for target in [target] if target is not None else dispatched:
                    if "/tests/" in f"/{target.file}":
                        continue
                    bound_self = (isinstance(node.func, ast.Attribute) or bool(dispatched)) \
                        and target.class_name is not None
                    positional = [*target.node.args.posonlyargs, *target.node.args.args][(1 if bound_self else 0):]
                    params = [positional[i].arg for i in at if i < len(positional)] + \
                        [b for b in by if b in {a.arg for a in [*positional, *target.node.args.kwonlyargs]}]
                    for param in params:
                        if (target.qualname, param) not in seen:
                            seen.add((target.qualname, param))
                            out.append((target, param))
                            nxt.append((target, param))
        frontier = nxt
    return out


def _dispatched(module: "ModuleInfo", fn: "FunctionInfo", call: ast.Call) -> list["FunctionInfo"]:
    """The methods a dispatch by name may call: ``handler = getattr(self, f"_handle_{action}"); handler(options)``
    (or ``getattr(self, "_handle_" + action)(options)``) -> every method of the class named ``_handle_*``."""
    func = call.func
    if isinstance(func, ast.Name):
        bound = [n.value for n in walk_tree(fn.node) if isinstance(n, ast.Assign) and len(n.targets) == 1
                 and isinstance(n.targets[0], ast.Name) and n.targets[0].id == func.id]
        func = bound[0] if len(bound) == 1 else func
    if not (isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "getattr"
            and len(func.args) >= 2 and isinstance(func.args[0], ast.Name) and func.args[0].id == "self"
            and fn.class_name):
        return []
    name = func.args[1]
    if isinstance(name, ast.JoinedStr) and name.values and isinstance(name.values[0], ast.Constant):
        prefix = str(name.values[0].value)
    elif isinstance(name, ast.BinOp) and isinstance(name.op, ast.Add) and isinstance(name.left, ast.Constant):
        prefix = str(name.left.value)
    else:
        return []
    if not prefix:
        return []
    return [f for symbol, f in module.functions.items()
            if symbol.startswith(f"{fn.class_name}.{prefix}") and symbol.count(".") == fn.class_name.count(".") + 1]


def _forwarded(index: "RepoIndex", module: "ModuleInfo", handle: "FunctionInfo") -> list[tuple["FunctionInfo", set[str]]]:
    """Project functions ``handle()`` calls with its whole ``**options`` mapping, with the keywords the
    call also passes explicitly (a function without ``**kwargs`` would fail on verbosity & co.: skipped)."""
    kwargs = handle.node.args.kwarg.arg if handle.node.args.kwarg else None
    if not kwargs:
        return []
    out = []
    for node in walk_tree(handle.node):
        if not (isinstance(node, ast.Call) and any(k.arg is None and isinstance(k.value, ast.Name)
                                                    and k.value.id == kwargs for k in node.keywords)):
            continue
        target = index.resolve_call(module, node, handle.class_name)
        if target is None or target.qualname == handle.qualname or target.node.args.kwarg is None:
            continue
        if "/tests/" in f"/{target.file}":
            continue
        passed = {k.arg for k in node.keywords if k.arg}
        positional = [*target.node.args.posonlyargs, *target.node.args.args][(1 if target.class_name else 0):]
        passed |= {p.arg for p in positional[: len(node.args)]}
        out.append((target, passed))
    return out


class _RenameInHandle(cst.CSTTransformer):
    """Rename a parameter and its uses (or an options key) inside one function only
    (``Command.handle`` unless ``symbol`` names another: ``Command.sync``, ``run_sync``)."""

    def __init__(self, old: str, new: str, symbol: str = "Command.handle") -> None:
        self.old, self.new = old, new
        self.symbol = symbol
        self.classes: list[str] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.classes.append(node.name.value)
        return True

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        self.classes.pop()
        return updated

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        if ".".join([*self.classes, original.name.value]) == self.symbol:
            return updated.visit(_Rename(self.old, self.new))
        return updated


class _Rename(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.new) if original.value == self.old else updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        return updated.with_changes(name=original.name)

    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        if original.evaluated_value == self.old:
            return updated.with_changes(value=f"{original.prefix}{original.quote}{self.new}{original.quote}")
        return updated
