"""CMD202: a standalone script imports models before ``django.setup()`` has run."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.types import FileChange, Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import ModuleInfo, RepoIndex


def _is_setup(index: "RepoIndex", module: "ModuleInfo", stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
        and index.resolve(module, stmt.value.func) == "django.setup"


def _is_main_guard(stmt: ast.stmt) -> bool:
    test = stmt.test if isinstance(stmt, ast.If) else None
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], ast.Constant)
            and test.comparators[0].value == "__main__")


def _setup_call(index: "RepoIndex", module: "ModuleInfo") -> ast.stmt | None:
    """The top-level statement calling ``django.setup()``: the call itself, or the
    ``if __name__ == "__main__":`` block that calls it (the script's imports above it run first)."""
    for stmt in module.tree.body:
        if _is_setup(index, module, stmt):
            return stmt
        if _is_main_guard(stmt) and any(_is_setup(index, module, s) for s in stmt.body):
            return stmt
    return None


def _setup_line(index: "RepoIndex", module: "ModuleInfo") -> int:
    setup = _setup_call(index, module)
    if isinstance(setup, ast.If):
        return next(s.lineno for s in setup.body if _is_setup(index, module, s))
    return setup.lineno if setup is not None else 0


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


def early_model_imports(index: "RepoIndex", module: "ModuleInfo") -> Iterator[ast.stmt]:
    setup = _setup_call(index, module)
    if setup is None:
        return
    for stmt in module.tree.body:
        if stmt is setup:
            return
        if any(_imports_models(index, t) for t in _targets(module, stmt) if not t.startswith("django.setup")):
            yield stmt


class ModelsBeforeSetup(Rule):
    """Standalone script imports models before `django.setup()`.

    ## What it does
    In a script that configures Django itself (`os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)`
    then `django.setup()` at module level, or in its `if __name__ == "__main__":` block), finds import
    statements *above* the `django.setup()` call that load models: a `models` module,
    `django.contrib.auth.models`, or a project module that imports one.

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
    names they bind are used only after that line (module-level code above it that uses them is not
    moved and keeps the finding). When `django.setup()` runs under the main guard no fix is offered:
    the imports would move into the guard, a choice left to the author.
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
            for stmt in early_model_imports(ctx.index, module):
                yield self.finding(None, stmt, (
                    f"`{ast.unparse(stmt)[:60]}` loads models before django.setup() (line "
                    f"{_setup_line(ctx.index, module)}) has populated the app registry: the script fails "
                    "with AppRegistryNotReady; import it after django.setup()"), file=path)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        early = list(early_model_imports(index, module))
        setup = _setup_call(index, module)
        if not early or not isinstance(setup, ast.Expr):
            return None  # setup() under the main guard: the imports would move into the guard, by hand
        moved_names = {(a.asname or a.name).split(".")[0] for s in early for a in s.names}
        for stmt in module.tree.body:
            if stmt is setup:
                break
            if stmt not in early and any(isinstance(n, ast.Name) and n.id in moved_names for n in ast.walk(stmt)):
                return None  # code above setup() uses a moved name
        lines = module.source.splitlines(keepends=True)
        drop = set()
        moved = []
        for stmt in early:
            text = "".join(lines[stmt.lineno - 1: stmt.end_lineno]).rstrip("\n")
            if "noqa" not in text:
                text += "  # noqa: E402"
            moved.append(text + "\n")
            drop |= set(range(stmt.lineno - 1, stmt.end_lineno))
        out = []
        for i, line in enumerate(lines):
            if i in drop:
                continue
            out.append(line)
            if i == setup.end_lineno - 1:
                out.extend(moved)
        new = "".join(out)
        # an import block that became empty leaves two blank lines in a row: keep the file's spacing
        while "\n\n\n\n" in new:
            new = new.replace("\n\n\n\n", "\n\n\n")
        new = _collapse_blank_after_imports(new, up_to=new.index(moved[0]))
        return Patch(changes=(FileChange(finding.file, module.source, new),))


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
