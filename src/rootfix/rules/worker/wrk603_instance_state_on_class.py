"""WRK603: per-instance state declared on the class, so a worker process keeps every task's rows."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, Rule
from rootfix.rules.job._lib.class_state import findings, left_behind_test, patch
from rootfix.types import Finding, Patch

if TYPE_CHECKING:
    from rootfix.discover.index import RepoIndex

_MODELS = ("auctions/models.py", "from django.db import models\n\n\nclass Bid(models.Model):\n"
           "    lot_id = models.IntegerField()\n    sale_id = models.IntegerField()\n")
_TASK = ("auctions/tasks.py", "from celery import shared_task\n\nfrom auctions.ladders import LadderIndex\n\n\n"
         "@shared_task\ndef settle_sale(sale_id):\n    return len(LadderIndex(sale_id).load().ladder(1))\n")

_MEMO_TASK = ("auctions/tasks.py", "from celery import shared_task\n\nfrom auctions.lots import Describer\n\n\n"
         "@shared_task\ndef describe_lots(texts):\n    return [Describer('en').describe(t) for t in texts]\n")



#: a memo class; ``{decl}`` ends the class-body declaration, ``{init}`` is what the fix adds to ``__init__``
_DESCRIBER = (
    "class Describer:\n"
    "    _seen: dict[tuple[str, str], str]{decl}\n\n"
    "    def __init__(self, language):\n"
    "{init}"
    "        self.language = language\n\n"
    "    def describe(self, text):\n"
    "        key = (self.language, text)\n"
    "        if key not in self._seen:\n"
    "            self._seen[key] = ' '.join(text.split()).title()\n"
    "        return self._seen[key]\n"
)

class InstanceStateOnClassInWorker(Rule):
    """A container the instances fill is declared on the class: the worker process keeps every task's rows.

    ## What it does
    Finds a mutable container assigned in a class body (`_ladders: dict[int, list[Bid]] = {}`,
    `_seen = set()`, `_by_key = defaultdict(list)`) that the class's methods fill through `self` and never
    replace with one of the instance's own, in a class task code builds per call (`LadderIndex(sale_id)`).
    A class that shares on purpose (it writes `cls._x` / `ClassName._x`, or is built once at module level)
    is not reported. The same bug in scheduled jobs and commands is JOB204.

    ## Why is this bad?
    There is one container per process, created when the class is defined. A Celery / RQ / Dramatiq worker
    runs task after task in one process: each task's new instance puts its rows into the same dict, so the
    worker's memory grows with every task until it is killed (or `max_tasks_per_child` recycles it), and a
    later task reads rows an earlier one loaded (a voided bid still counted).

    ## Example
    ```python
    class LadderIndex:
        _ladders: dict[int, list[Bid]] = {}

        def __init__(self, sale_id):
            self.sale_id = sale_id

        def load(self):
            for bid in Bid.objects.filter(sale_id=self.sale_id):
                self._ladders.setdefault(bid.lot_id, []).append(bid)
    ```

    ## Use instead
    ```python
    class LadderIndex:
        _ladders: dict[int, list[Bid]]

        def __init__(self, sale_id):
            self._ladders = {}
            self.sale_id = sale_id
    ```

    ## Fix safety
    Safe: the same container is built in `__init__` and the class-body value dropped (its annotation stays);
    nothing outside the class read the shared one. A class with no `__init__` of its own gets one (as JOB204's
    fix writes it); no fix for a decorated class.
    """

    code = "WRK603"
    name = "instance-state-on-class-in-worker"
    bug_class = "W6"
    component_types = ("background-worker",)
    fix_safety = "safe"

    VALID = (
        Example(
            path="auctions/ladders.py",
            files=(_MODELS, _TASK),
            code=(
                "from auctions.models import Bid\n\n\n"
                "class LadderIndex:\n"
                "    include_blocked: bool = False\n\n"
                "    def __init__(self, sale_id):\n"
                "        self.sale_id = sale_id\n"
                "        self._ladders = {}\n\n"
                "    def load(self):\n"
                "        for bid in Bid.objects.filter(sale_id=self.sale_id):\n"
                "            self._ladders.setdefault(bid.lot_id, []).append(bid)\n"
                "        return self\n\n"
                "    def ladder(self, lot_id):\n"
                "        return self._ladders.get(lot_id, [])\n"
            ),
        ),
        Example(  # one client per endpoint: a pool, bounded by the configured endpoints
            path="auctions/lots.py",
            files=(_MODELS, _MEMO_TASK),
            code=(
                "import requests\n\n\n"
                "class Describer:\n"
                "    _sessions = {}\n\n"
                "    def __init__(self, language):\n"
                "        self.language = language\n\n"
                "    def session(self, url):\n"
                "        self._sessions[url] = self._sessions.get(url) or requests.Session()\n"
                "        return self._sessions[url]\n\n"
                "    def describe(self, text):\n"
                "        return text.strip()\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a memo keyed by each call's text: the worker keeps every text it ever saw
            path="auctions/lots.py",
            files=(_MODELS, _MEMO_TASK),
            code=_DESCRIBER.format(decl=" = {}", init=""),
            fixed=_DESCRIBER.format(decl="", init="        self._seen = {}\n"),
        ),
        Example(
            path="auctions/ladders.py",
            files=(_MODELS, _TASK),
            code=(
                "from auctions.models import Bid\n\n\n"
                "class LadderIndex:\n"
                "    include_blocked: bool = False\n"
                "    _ladders: dict[int, list[Bid]] = {}\n\n"
                "    def __init__(self, sale_id):\n"
                "        self.sale_id = sale_id\n\n"
                "    def load(self):\n"
                "        for bid in Bid.objects.filter(sale_id=self.sale_id):\n"
                "            self._ladders.setdefault(bid.lot_id, []).append(bid)\n"
                "        return self\n\n"
                "    def ladder(self, lot_id):\n"
                "        return self._ladders.get(lot_id, [])\n"
            ),
            fixed=(
                "from auctions.models import Bid\n\n\n"
                "class LadderIndex:\n"
                "    include_blocked: bool = False\n"
                "    _ladders: dict[int, list[Bid]]\n\n"
                "    def __init__(self, sale_id):\n"
                "        self._ladders = {}\n"
                "        self.sale_id = sale_id\n\n"
                "    def load(self):\n"
                "        for bid in Bid.objects.filter(sale_id=self.sale_id):\n"
                "            self._ladders.setdefault(bid.lot_id, []).append(bid)\n"
                "        return self\n\n"
                "    def ladder(self, lot_id):\n"
                "        return self._ladders.get(lot_id, [])\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        return findings(self, ctx, ("scheduled-job", "cli-tool"), primary=False, says=(
            "each task adds its rows and none are ever dropped (memory grows task after task, later tasks see stale rows)"))

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        return patch(index, finding)

    def regression(self, index: "RepoIndex", finding: Finding) -> DirectTest | None:
        """Replay each project test that fills the container with the class's shared one emptied first:
        afterwards it must still be empty (each instance filled its own)."""
        return left_behind_test(index, finding)
