"""CMD202: a standalone script imports models before ``django.setup()`` has run."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.command._lib.arguments import argparse_arguments
from rootfix.rules.command._lib.testgen import command_test
from rootfix.types import FileChange, Finding, Patch

from rootfix.discover.index import walk_body
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


def _function(index: "RepoIndex", module: "ModuleInfo", dotted: str) -> "FunctionInfo | None":
    """A project function by dotted name; a script's ``from _bootstrap import setup`` names a sibling module
    (the script's own folder is on ``sys.path``), so the module's package is tried as a prefix too."""
    fn = index.lookup_function(dotted)
    package = module.module.rpartition(".")[0]
    if fn is None and package:
        fn = index.lookup_function(f"{package}.{dotted}")
    return fn


def _sets_up(index: "RepoIndex", module: "ModuleInfo", call: ast.Call, depth: int = 0) -> bool:
    """``call`` runs ``django.setup()``: itself, or a project wrapper (``setup_django(settings)``) that does."""
    dotted = index.resolve(module, call.func) if isinstance(call.func, (ast.Name, ast.Attribute)) else None
    if dotted == "django.setup":
        return True
    fn = _function(index, module, dotted) if dotted and depth < 2 else None
    if fn is None:
        return False
    inner = index.module_of(fn)
    return any(isinstance(n, ast.Call) and _sets_up(index, inner, n, depth + 1) for n in walk_body(fn.node))


def _is_main_guard(stmt: ast.stmt) -> bool:
    test = stmt.test if isinstance(stmt, ast.If) else None
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


def _setup_in(index: "RepoIndex", module: "ModuleInfo", body: list[ast.stmt]) -> ast.stmt | None:
    """The statement of ``body`` that sets Django up (a bare call or an assignment of its result), or the
    module's ``if __name__ == "__main__":`` block that does (the imports above it run first)."""
    for stmt in body:
        value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
        if isinstance(value, ast.Call) and _sets_up(index, module, value):
            return stmt
        if body is module.tree.body and _is_main_guard(stmt) and _setup_in(index, module, stmt.body) is not None:
            return stmt
    return None


def _setup_line(index: "RepoIndex", module: "ModuleInfo", setup: ast.stmt) -> int:
    if isinstance(setup, ast.If):  # the main guard: the call inside it
        inner = _setup_in(index, module, setup.body)
        return inner.lineno if inner is not None else setup.lineno
    return setup.lineno


def _setup_call(index: "RepoIndex", module: "ModuleInfo") -> ast.stmt | None:
    """The first statement, in any block of the module, that sets Django up."""
    return next((setup for _, setup in _blocks(index, module)), None)


def _blocks(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple[list[ast.stmt], ast.stmt]]:
    """(block, its setup statement) for the module body and each function body that sets Django up."""
    bodies = [module.tree.body] + [fn.node.body for fn in module.functions.values()]
    for body in bodies:
        setup = _setup_in(index, module, body)
        if setup is not None:
            yield body, setup


def _imports_models(index: "RepoIndex", dotted: str, depth: int = 0) -> bool:
    """Importing ``dotted`` loads models: it is a ``models`` module, or a project module importing one at
    its top level (one level of indirection)."""
    if dotted.split(".")[-1] == "models" or ".models." in f"{dotted}." or dotted == "django.contrib.auth.models":
        return True
    info = index.modules.get(dotted)
    if info is None or depth > 1:
        return False
    for stmt in info.tree.body:
        for target in _targets(info, stmt):
            if _imports_models(index, target, depth + 1):
                return True
    return False


def _targets(module: "ModuleInfo", stmt: ast.stmt) -> list[str]:
    if isinstance(stmt, ast.Import):
        return [a.name for a in stmt.names]
    if isinstance(stmt, ast.ImportFrom):
        base = stmt.module or ""
        if stmt.level:
            pkg = module.module.split(".")
            pkg = pkg[: len(pkg) - stmt.level + (1 if module.is_package else 0)]
            base = ".".join([*pkg, base] if base else pkg)
        return [base, *(f"{base}.{a.name}" for a in stmt.names)]
    return []


def early_model_imports(index: "RepoIndex", module: "ModuleInfo") -> Iterator[tuple[ast.stmt, ast.stmt]]:
    """(import statement, the setup statement it precedes) for imports that load models before
    ``django.setup()`` has run, in the same block (module level, or a script's ``main()``)."""
    for body, setup in _blocks(index, module):
        for stmt in body:
            if stmt is setup:
                break
            if any(_imports_models(index, t) for t in _targets(module, stmt) if not t.startswith("django.setup")):
                yield stmt, setup


class ModelsBeforeSetup(Rule):
    """Standalone script imports models before `django.setup()`.

    ## What it does
    In a script that sets Django up itself - `django.setup()` or a project wrapper that calls it
    (`setup_django(settings)` in a sibling `_bootstrap.py`), at module level, in its
    `if __name__ == "__main__":` block, or inside `main()` - finds import statements *above* the setup, in
    the same block, that load models: a `models` module, `django.contrib.auth.models`, or a project module
    that imports one.

    ## Why is this bad?
    Defining a model needs the app registry, which `django.setup()` populates. Imported earlier, the script
    dies at start-up with `AppRegistryNotReady: Apps aren't loaded yet.` (or `ImproperlyConfigured` when
    the settings module is not set yet): usually only on the cron box, because the developer ran it from a
    shell where something had already set Django up.

    ## Example
    ```python
    import os

    import django
    from shop.models import Order

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    django.setup()
    ```

    ## Use instead
    ```python
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    django.setup()

    from shop.models import Order  # noqa: E402
    ```

    ## Fix safety
    Safe: the import statements move, unchanged and in their order, to just below `django.setup()`; the
    names they bind are used only after that line (code above it that uses them is not moved and keeps
    the finding). When `django.setup()` runs under the main guard no fix is offered: the imports would
    move into the guard, a choice left to the author.
    """

    code = "CMD202"
    name = "models-before-setup"
    bug_class = "C2"
    component_types = ("cli-tool", "scheduled-job")
    fix_safety = "safe"

    VALID = (
        Example(
            path="scripts/nightly_export.py",
            files=(("shop/models.py", "from django.db import models\n\n\nclass Order(models.Model):\n    pass\n"),),
            code=(
                "import os\n"
                "import sys\n\n"
                "import django\n\n"
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
                "django.setup()\n\n"
                "from shop.models import Order  # noqa: E402\n\n\n"
                "def main():\n"
                "    return Order.objects.count()\n"
            ),
        ),
    )
    INVALID = (
        Example(
            path="scripts/nightly_export.py",
            files=(("shop/models.py", "from django.db import models\n\n\nclass Order(models.Model):\n    pass\n"),
                   ("shop/exports.py", "from shop.models import Order\n\n\ndef export():\n    return Order\n")),
            code=(
                "import os\n\n"
                "import django\n"
                "from django.contrib.auth.models import User\n"
                "from shop import exports\n\n"
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
                "django.setup()\n\n\n"
                "def main():\n"
                "    return User.objects.count(), exports.export()\n"
            ),
            count=2,
            fixed=(
                "import os\n\n"
                "import django\n\n"
                "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"
                "django.setup()\n"
                "from django.contrib.auth.models import User  # noqa: E402\n"
                "from shop import exports  # noqa: E402\n\n\n"
                "def main():\n"
                "    return User.objects.count(), exports.export()\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for path, module in ctx.index.by_path.items():
            if "setup" not in module.source or "/tests/" in f"/{path}":
                continue
            for stmt, setup in early_model_imports(ctx.index, module):
                yield self.finding(ctx.index.enclosing_function(path, stmt.lineno), stmt, (
                    f"`{ast.unparse(stmt)[:60]}` loads models before django.setup() (line "
                    f"{_setup_line(ctx.index, module, setup)}) has "
                    "populated the app registry: the script fails with AppRegistryNotReady; import it after "
                    "django.setup()"), file=path)

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Run the script as cron does - its own interpreter, another working directory - and check it
        gets past its imports. Module-level imports fail already under ``--help``; imports inside
        ``main()`` are reached with a missing input file for each required positional argument (no real
        work is done), and a script without one is not run at all."""
        module = index.by_path.get(finding.file)
        if module is None or "__main__" not in module.source:
            return None
        hit = next((setup for stmt, setup in early_model_imports(index, module) if stmt.lineno == finding.line), None)
        if hit is None:
            return None
        if hit in module.tree.body:
            args, why = ["--help"], "module-level imports run before argparse sees --help"
        else:
            required = [a for a in argparse_arguments(module.tree)
                        if a.flags and not any(f.startswith("-") for f in a.flags)
                        and a.keyword("default") is None and a.literal("nargs") not in ("?", "*")]
            if not required:
                return None
            args = ["{tmp}/rootfix-missing-input"] * len(required)
            why = "a missing input file: setup and the imports run, no real work is done"
        return command_test(
            finding.file.rsplit("/", 1)[-1][:-3], finding.file, imports=[], db=False,
            doc=f"Regression test (rootfix {self.code}): `{finding.file}` sets Django up before it loads models.",
            helpers=_ORACLE.format(script=finding.file, args=args, why=why),
            check="", test_name="test_script_sets_django_up_before_loading_models")

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        pairs = list(early_model_imports(index, module))
        hit = next((setup for stmt, setup in pairs if stmt.lineno == finding.line), None)
        if hit is None:
            return None
        if isinstance(hit, ast.If):
            return None  # setup() under the main guard: the imports would move into the guard, by hand
        early = [stmt for stmt, setup in pairs if setup is hit]
        top_level = hit in module.tree.body
        body = module.tree.body if top_level else next(b for b, s in _blocks(index, module) if s is hit)
        moved_names = {(a.asname or a.name).split(".")[0] for s in early for a in s.names}
        for stmt in body:
            if stmt is hit:
                break
            if stmt not in early and any(isinstance(n, ast.Name) and n.id in moved_names for n in walk_tree(stmt)):
                return None  # code above setup() uses a moved name
        lines = module.source.splitlines(keepends=True)
        drop = set()
        moved = []
        for stmt in early:
            text = "".join(lines[stmt.lineno - 1: stmt.end_lineno]).rstrip("\n")
            if top_level and "noqa" not in text:  # E402 is about module-level imports only
                text += "  # noqa: E402"
            moved.append(text + "\n")
            drop |= set(range(stmt.lineno - 1, stmt.end_lineno))
        out = []
        for i, line in enumerate(lines):
            if i in drop:
                continue
            out.append(line)
            if i == hit.end_lineno - 1:
                out.extend(moved)
        new = "".join(out)
        # an import block that became empty leaves two blank lines in a row: keep the file's spacing
        while "\n\n\n\n" in new:
            new = new.replace("\n\n\n\n", "\n\n\n")
        if top_level:
            new = _collapse_blank_after_imports(new, up_to=new.index(moved[0]))
        return Patch(changes=(FileChange(finding.file, module.source, new),))

_ORACLE = '''
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT_PATH = {script!r}
ROOT = next(p for p in Path(__file__).resolve().parents if (p / SCRIPT_PATH).is_file())
SCRIPT = ROOT / SCRIPT_PATH
#: what the script is run with: {why}
ARGS = {args!r}


def _check():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    with tempfile.TemporaryDirectory() as tmp:  # another working directory, like cron's
        args = [a.replace("{{tmp}}", tmp) for a in ARGS]
        proc = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=tmp, env=env,
                              capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert "AppRegistryNotReady" not in out and "Apps aren't loaded yet" not in out, (
        "the script loads models before django.setup() has run:\\n" + out[-3000:])
'''


def _collapse_blank_after_imports(source: str, up_to: int) -> str:
    """Two blank lines left where an import was dropped become one, above ``up_to`` (the moved imports)
    only: the two blank lines the file keeps before its top-level statements further down stay."""
    head, tail = source[:up_to], source[up_to:]
    lines = head.splitlines(keepends=True)
    out: list[str] = []
    for i, line in enumerate(lines):
        if line == "\n" and out and out[-1] == "\n" and i + 1 < len(lines) and not lines[i + 1].startswith(("def ", "class ", "@", "\n")):
            continue
        out.append(line)
    return "".join(out) + tail
