"""SPK602: a driver list / dict / counter mutated in executor code and read back on the driver."""
from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from rootfix.rules.base import CheckContext, DirectTest, Example, FirstOf, Rule
from rootfix.rules.spark._dataframes import DataFrames
from rootfix.rules.spark._lib import edits, oracles
from rootfix.rules.spark._lib.driver_state import accumulator_attrs, accumulators, driver_reads, mutations
from rootfix.rules.spark._lib.executors import (FOREACH, Closure, closures, is_rdd, local_names, module_body,
                                                spark_functions)
from rootfix.types import FileChange, Finding, Patch
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.rules.base import SourceTest
    from rootfix.discover.index import FunctionInfo, ModuleInfo, RepoIndex


class DriverStateMutatedInExecutor(Rule):
    """Driver variable mutated by code that runs on executors.

    ## What it does
    Finds lambdas and functions run on executors (`foreach`, `foreachPartition`, `map`, `mapPartitions`, UDFs...)
    that append to, update, or increment a variable of the driver (`failed.append(...)`, `totals[k] += v`,
    `nonlocal count; count += 1`, `global processed`) which the driver then reads (returns it, logs it, saves it).
    Accumulators are not reported.

    ## Why is this bad?
    Executor code runs on a pickled *copy* of its closure, in another process: each task changes its own copy,
    and the driver's list stays empty and its counter zero — without an error. In local mode with one worker
    process some Spark versions even seem to work, so tests pass and production reports are silently wrong.

    ## Example
    ```python
    def count_failed(spark, payments):
        failed = 0

        def check(row):
            nonlocal failed
            if row.status == "failed":
                failed += 1

        payments.foreach(check)
        return failed
    ```

    ## Use instead
    ```python
    def count_failed(spark, payments):
        failed = spark.sparkContext.accumulator(0)

        def check(row):
            if row.status == "failed":
                failed.add(1)

        payments.foreach(check)
        return failed.value
    ```
    or, better, an aggregation: `payments.filter(payments.status == "failed").count()`; collect lists with
    `select(...).collect()` on a bounded frame instead of appending in `foreach`.

    ## Fix safety
    Unsafe, and offered only for a numeric counter (`nonlocal n` / `n += ...`, `n` set to a number once)
    updated in a `foreach`/`foreachPartition` function of a job that has its SparkSession or SparkContext at
    hand: the counter becomes `<sc>.accumulator(...)`, `n += x` becomes `n.add(x)`, driver reads become
    `n.value`. An accumulator sums correctly across executors, but a task that is retried (executor lost,
    speculation) may add twice where the job code had no such effect; the value is a float or int as started.
    A list, set or dict a `foreach`/`foreachPartition` function fills (`out.append(x)`, `seen.add(x)`,
    `found[k] = v`, `counts[k] += n`, each a statement of its own; a nested function, or a method of the job's
    class filling the instance's `self.counts`) is collected back instead: the function yields what it put
    there, `frame.foreach(f)` becomes `out.extend(frame.rdd.flatMap(f).toLocalIterator())` (`mapPartitions`
    for a partition function; a loop adding `counts[key] += amount` for the keyed sums) and the driver fills
    its own collection; the items now travel to the driver, as the code meant them to, a partition at a
    time. A method is changed only when nothing else in its module names it. Lists, dicts and counters in transformations (`map`, UDFs; lazy and re-run on
    recomputation) get no fix.
    """

    code = "SPK602"
    name = "driver-state-mutated-in-executor"
    bug_class = "P6"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    #: every finding is in (or called from) a module importing pyspark
    requires = ("pyspark",)
    fix_safety = "unsafe"

    VALID = (
        Example(  # a method of a driver object whose counters are accumulators
            path="qc/jobs.py", files=(("qc/validation.py", (
        "class Validator:\n"
        "    def __init__(self, sc):\n"
        "        self.bad = sc.accumulator(0)\n\n"
        "    def check(self, row):\n"
        "        if row['q30'] is None:\n"
        "            self.bad.add(1)\n")),),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from qc.validation import Validator\n\n\n"
                "def check(spark: SparkSession, path):\n"
                "    frame = spark.read.parquet(path)\n"
                "    validator = Validator(spark.sparkContext)\n"
                "    frame.foreach(validator.check)\n"
                "    return validator.bad.value\n"
            ),
        ),
        Example(  # accumulator
            path="billing/jobs/failed.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def count_failed(spark, payments):\n"
                "    failed = spark.sparkContext.accumulator(0)\n\n"
                "    def check(row):\n"
                "        if row.status == 'failed':\n"
                "            failed.add(1)\n\n"
                "    payments.foreach(check)\n"
                "    return failed.value\n"
            ),
        ),
        Example(  # local list per partition, yielded back
            path="billing/jobs/batches.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def batches(rows):\n"
                "    batch = []\n"
                "    for r in rows:\n"
                "        batch.append(r.id)\n"
                "    yield batch\n\n\n"
                "def run(spark):\n"
                "    return spark.table('payments').rdd.mapPartitions(batches).collect()\n"
            ),
        ),
        Example(  # per-executor memo cache the driver never reads
            path="billing/jobs/rates.py",
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "_rates = {}\n\n\n"
                "def rate(currency):\n"
                "    if currency not in _rates:\n"
                "        _rates[currency] = 1.0\n"
                "    return _rates[currency]\n\n\n"
                "def convert(spark):\n"
                "    return spark.table('payments').rdd.map(lambda p: p.amount * rate(p.currency)).sum()\n"
            ),
        ),
        Example(  # a list mutated on the driver around a driver-side loop, not in executor code
            path="billing/jobs/ids.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def ids(spark):\n"
                "    out = []\n"
                "    for row in spark.table('payments').select('id').limit(100).collect():\n"
                "        out.append(row.id)\n"
                "    return out\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a method of a driver object (built in the job) fills the object on the executors
            path="qc/jobs.py", files=(("qc/summary.py", (
        "class Summary:\n"
        "    def __init__(self, limit):\n"
        "        self.limit = limit\n"
        "        self.failed = []\n\n"
        "    def observe(self, row):\n"
        "        if row['q30'] < self.limit:\n"
        "            self.failed.append(row['sample'])\n")),),
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "from qc.summary import Summary\n\n\n"
                "def failed_samples(spark: SparkSession, path):\n"
                "    frame = spark.read.parquet(path)\n"
                "    summary = Summary(30.0)\n"
                "    frame.foreach(summary.observe)\n"
                "    return summary.failed\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n"
                "from qc.summary import Summary\n\n\n"
                "def failed_samples(spark: SparkSession, path):\n"
                "    frame = spark.read.parquet(path)\n"
                "    summary = Summary(30.0)\n"
                "    for row in frame.toLocalIterator():\n"
                "        summary.observe(row)\n"
                "    return summary.failed\n"
            ),
        ),
        Example(  # a dict a service method fills in foreach: the items are collected back to the driver
            path="billing/audit.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "class Audit:\n"
                "    def __init__(self, spark):\n"
                "        self.spark = spark\n\n"
                "    def mismatches(self):\n"
                "        found = {}\n\n"
                "        def compare(row):\n"
                "            if row.ledger != row.bank:\n"
                "                found[row.id] = row.ledger - row.bank\n\n"
                "        self.spark.table('ledger_vs_bank').foreach(compare)\n"
                "        return found\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "class Audit:\n"
                "    def __init__(self, spark):\n"
                "        self.spark = spark\n\n"
                "    def mismatches(self):\n"
                "        found = {}\n\n"
                "        def compare(row):\n"
                "            if row.ledger != row.bank:\n"
                "                yield row.id, row.ledger - row.bank\n\n"
                "        found.update(self.spark.table('ledger_vs_bank').rdd.flatMap(compare).toLocalIterator())\n"
                "        return found\n"
            ),
        ),
        Example(  # a list appended per partition of an RDD
            path="billing/jobs/bad_lines.py",
            code=(
                "from pyspark import SparkContext\n\n\n"
                "def bad_lines(sc, path):\n"
                "    bad = []\n\n"
                "    def check(lines):\n"
                "        for line in lines:\n"
                "            if line.count(',') != 2:\n"
                "                bad.append(line)\n\n"
                "    sc.textFile(path).foreachPartition(check)\n"
                "    return bad\n"
            ),
            fixed=(
                "from pyspark import SparkContext\n\n\n"
                "def bad_lines(sc, path):\n"
                "    bad = []\n\n"
                "    def check(lines):\n"
                "        for line in lines:\n"
                "            if line.count(',') != 2:\n"
                "                yield line\n\n"
                "    bad.extend(sc.textFile(path).mapPartitions(check).toLocalIterator())\n"
                "    return bad\n"
            ),
        ),
        Example(  # nonlocal counter in foreach: accumulator fix
            path="billing/jobs/failed.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def count_failed(spark, payments):\n"
                "    failed = 0\n\n"
                "    def check(row):\n"
                "        nonlocal failed\n"
                "        if row.status == 'failed':\n"
                "            failed += 1\n\n"
                "    payments.foreach(check)\n"
                "    print('failed payments:', failed)\n"
                "    return failed\n"
            ),
            fixed=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def count_failed(spark, payments):\n"
                "    failed = spark.sparkContext.accumulator(0)\n\n"
                "    def check(row):\n"
                "        if row.status == 'failed':\n"
                "            failed.add(1)\n\n"
                "    payments.foreach(check)\n"
                "    print('failed payments:', failed.value)\n"
                "    return failed.value\n"
            ),
        ),
        Example(  # foreachPartition over an RDD, sc at hand, amount summed
            path="billing/jobs/totals.py",
            code=(
                "from pyspark import SparkContext\n\n\n"
                "def total(sc, path):\n"
                "    amount = 0.0\n\n"
                "    def add_up(lines):\n"
                "        nonlocal amount\n"
                "        for line in lines:\n"
                "            amount += float(line.split(',')[2])\n\n"
                "    sc.textFile(path).foreachPartition(add_up)\n"
                "    return amount\n"
            ),
            fixed=(
                "from pyspark import SparkContext\n\n\n"
                "def total(sc, path):\n"
                "    amount = sc.accumulator(0.0)\n\n"
                "    def add_up(lines):\n"
                "        for line in lines:\n"
                "            amount.add(float(line.split(',')[2]))\n\n"
                "    sc.textFile(path).foreachPartition(add_up)\n"
                "    return amount.value\n"
            ),
        ),
        Example(  # a list appended in a foreach lambda (no fix)
            path="billing/jobs/bounced.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def bounced(spark):\n"
                "    out = []\n"
                "    spark.table('emails').foreach(lambda r: out.append(r.address) if r.bounced else None)\n"
                "    return out\n"
            ),
        ),
        Example(  # a dict updated in a map function (transformation) of a management command
            path="billing/management/commands/tally.py",
            code=(
                "from django.core.management.base import BaseCommand\n"
                "from pyspark.sql import SparkSession\n\n\n"
                "class Command(BaseCommand):\n"
                "    def handle(self, *args, **options):\n"
                "        spark = SparkSession.builder.getOrCreate()\n"
                "        per_country = {}\n\n"
                "        def tag(row):\n"
                "            per_country[row.country] = per_country.get(row.country, 0) + 1\n"
                "            return row\n\n"
                "        spark.table('payments').rdd.map(tag).count()\n"
                "        self.stdout.write(str(per_country))\n"
            ),
        ),
        Example(  # a set filled in an RDD filter lambda, read after the action
            path="billing/jobs/seen.py",
            code=(
                "from pyspark import SparkContext\n\n\n"
                "def duplicates(sc, path):\n"
                "    seen = set()\n"
                "    dupes = sc.textFile(path).filter(lambda l: l in seen or seen.add(l)).count()\n"
                "    return dupes, len(seen)\n"
            ),
        ),
        Example(  # a counter in a map function (transformation): reported, no accumulator fix
            path="billing/jobs/parse.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def parse(spark, path):\n"
                "    bad = 0\n\n"
                "    def parse_line(line):\n"
                "        nonlocal bad\n"
                "        parts = line.split(',')\n"
                "        if len(parts) != 3:\n"
                "            bad += 1\n"
                "        return parts\n\n"
                "    rows = spark.sparkContext.textFile(path).map(parse_line).collect()\n"
                "    return rows, bad\n"
            ),
        ),
        Example(  # spark-submit script: global counter in a module function handed to foreach
            path="jobs/reconcile.py",
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "mismatches = 0\n\n\n"
                "def compare(row):\n"
                "    global mismatches\n"
                "    if row.ledger != row.bank:\n"
                "        mismatches += 1\n\n\n"
                "spark = SparkSession.builder.appName('reconcile').getOrCreate()\n"
                "spark.table('ledger_vs_bank').foreach(compare)\n"
                "print(f'{mismatches} mismatches')\n"
            ),
        ),
    )

    # ------------------------------------------------------------------ detection
    def _found(self, index: "RepoIndex", frames: DataFrames, fn: "FunctionInfo"):
        module = index.module_of(fn)
        acc = accumulators(fn.node, module.tree)
        for closure in closures(index, frames, fn):
            local = local_names(closure.node)
            if closure.node is fn.node:  # a UDF itself: its module globals
                continue
            kept = set()
            if closure.receiver is not None and closure.target is not None and closure.target.class_name:
                owner_cls = index.module_of(closure.target).classes.get(closure.target.class_name)
                kept = accumulator_attrs(owner_cls) if owner_cls is not None else set()
            for mut in mutations(closure.node, local):
                if mut.name in acc or mut.name in kept:
                    continue
                after = closure.at.end_lineno or closure.at.lineno
                if closure.receiver is not None:  # the object's own state: the driver reads the object
                    mut = replace(mut, name=closure.receiver)
                reads = driver_reads(fn.node, mut.name, after, closure.node)
                if not reads:
                    continue
                yield closure, mut, reads
                break

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        frames = DataFrames(ctx.index)
        for fn in spark_functions(ctx):
            for closure, mut, _ in self._found(ctx.index, frames, fn):
                yield self.finding(fn, closure.at, (
                    f"{closure.how}() code mutates driver variable `{mut.name}`: each executor changes its own "
                    "copy and the driver never sees it; use an accumulator or an aggregation"),
                    file=fn.file, related=[(closure.target.file if closure.target else fn.file,
                                            getattr(mut.node, "lineno", 1), "mutated here")])

    # ------------------------------------------------------------------ fix
    def _owner(self, index: "RepoIndex", finding: Finding) -> "FunctionInfo | None":
        module = index.by_path.get(finding.file)
        if module is None:
            return None
        fn = index.enclosing_function(finding.file, finding.line)
        return fn if fn is not None else module_body(module)

    def fix(self, index: "RepoIndex", finding: Finding) -> Patch | None:
        owner = self._owner(index, finding)
        if owner is None:
            return None
        module = index.module_of(owner) if owner.symbol else index.by_path[finding.file]
        for closure, mut, reads in self._found(index, DataFrames(index), owner):
            if (closure.at.lineno, closure.at.col_offset) != (finding.line, finding.col):
                continue
            new = self._accumulate(index, module, owner, closure, mut.name, reads) \
                or self._collect_back(DataFrames(index), module, owner, closure, mut.name) \
                or self._run_on_driver(module, owner, closure)
            return Patch(changes=(FileChange(finding.file, module.source, new),)) if new else None
        return None

    # ------------------------------------------------------------------ regression test
    def regression(self, index: "RepoIndex", finding: Finding) -> "SourceTest | DirectTest | FirstOf | None":
        """The job run on Spark against the same job with its ``foreach`` code applied in this process
        (``rules/spark/_lib/oracles.py``): a lost driver update makes them differ."""
        owner = self._owner(index, finding)
        if owner is None or not owner.symbol:
            return None
        for closure, _, _ in self._found(index, DataFrames(index), owner):
            if (closure.at.lineno, closure.at.col_offset) != (finding.line, finding.col):
                continue
            call = closure.at if isinstance(closure.at, ast.Call) else next(
                (n for n in walk_tree(owner.node) if isinstance(n, ast.Call) and closure.at in n.args), None)
            if call is None or closure.how not in FOREACH:
                return None
            specs = [oracles.as_spec(finding.symbol, oracles.driver_state_test(index, self.code, owner, closure.node,
                                                                                call)),
                     self._replay(index, owner)]
            specs = [spec for spec in specs if spec is not None]
            return FirstOf(tuple(specs)) if len(specs) > 1 else (specs[0] if specs else None)
        return None

    @staticmethod
    def _replay(index: "RepoIndex", owner: "FunctionInfo") -> DirectTest | None:
        """The project's tests that run ``owner`` (a job function or a method of a service class the job
        builds), each replayed with ``owner`` run on Spark and then with its ``foreach`` code in process."""
        return oracles.owner_replay(
            index, owner, ("spk602_driver_sees_executor_work_head", "spk602_driver_sees_executor_work"),
            "_driver_sees_executor_work", "on_spark_and_in_process")

    def _accumulate(self, index: "RepoIndex", module: "ModuleInfo", owner: "FunctionInfo", closure: Closure,
                    name: str, reads: list[ast.AST]) -> str | None:
        node = closure.node
        if closure.how not in FOREACH or closure.target is not None or not isinstance(node, ast.FunctionDef):
            return None
        decls = [n for n in walk_tree(node) if isinstance(n, ast.Nonlocal)]
        if len(decls) != 1 or decls[0].names != [name]:
            return None
        muts = mutations(node, local_names(node))
        if not muts or any(m.name == name and not m.counter for m in muts) or any(m.name != name for m in muts):
            return None
        incs = [m.node for m in muts]
        if any(not isinstance(i.op, ast.Add) for i in incs):
            return None
        inc_targets = {id(i.target) for i in incs}
        if any(isinstance(n, ast.Name) and n.id == name and id(n) not in inc_targets for n in walk_tree(node)):
            return None  # read on the executor: an accumulator cannot be read there
        inits = [n for n in walk_tree(owner.node) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                 and not any(n is x for x in walk_tree(node))
                 and any(isinstance(t, ast.Name) and t.id == name
                         for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if len(inits) != 1 or not isinstance(inits[0], ast.Assign) or not isinstance(inits[0].value, ast.Constant) \
                or type(inits[0].value.value) not in (int, float):
            return None
        sc = edits.spark_context(index, module, owner)
        if sc is None:
            return None
        src = module.source
        init = inits[0].value
        changes: list[tuple[int, int, str]] = []
        s, e = edits.span(src, init)
        changes.append((s, e, f"{sc}.accumulator({src[s:e]})"))
        s, e = edits.line_span(src, decls[0].lineno)
        if src[s:e].strip() != f"nonlocal {name}":
            return None
        changes.append((s, e, ""))
        for inc in incs:
            s, e = edits.span(src, inc)
            vs, ve = edits.span(src, inc.value)
            changes.append((s, e, f"{name}.add({src[vs:ve]})"))
        for read in reads:
            if not isinstance(read, ast.Name):
                return None
            s, e = edits.span(src, read)
            changes.append((s, e, f"{name}.value"))
        return edits.apply(src, changes)

    @staticmethod
    def _run_on_driver(module: "ModuleInfo", owner: "FunctionInfo", closure: Closure) -> str | None:
        """``frame.foreach(summary.observe)`` (a method of a driver object, filling the object) becomes a loop on
        the driver over ``frame.toLocalIterator()`` (a partition at a time): ``foreachPartition`` hands the
        method the whole iterator once."""
        call = closure.at
        if closure.receiver is None or closure.how not in FOREACH or not isinstance(call, ast.Call) \
                or not isinstance(call.func, ast.Attribute) or len(call.args) != 1 or call.keywords:
            return None
        stmt = next((n for n in walk_tree(owner.node) if isinstance(n, ast.Expr) and n.value is call), None)
        if stmt is None or stmt.lineno != stmt.end_lineno:
            return None
        src = module.source
        frame = edits.span(src, call.func.value)
        method = edits.span(src, call.args[0])
        frame_src, method_src = src[frame[0]:frame[1]], src[method[0]:method[1]]
        start, end = edits.line_span(src, stmt.lineno)
        line = src[start:end]
        indent = line[:len(line) - len(line.lstrip())]
        if call.func.attr == "foreachPartition":
            body = f"{indent}{method_src}({frame_src}.toLocalIterator())\n"
        else:
            used = {n.id for n in walk_tree(owner.node) if isinstance(n, ast.Name)}
            row = next(name for name in ("row", "record", "item", "row_") if name not in used)
            body = f"{indent}for {row} in {frame_src}.toLocalIterator():\n{indent}    {method_src}({row})\n"
        return edits.apply(src, [(start, end, body)])

    def _collect_back(self, frames: DataFrames, module: "ModuleInfo", owner: "FunctionInfo", closure: Closure,
                      name: str) -> str | None:
        """A ``foreach`` function that fills a driver list / set / dict (a nested function, or a method of the
        job's class filling the instance's) becomes a generator of what it would have put there; the driver
        collects it and fills its own collection: ``frame.foreach(f)`` ->
        ``out.extend(frame.rdd.flatMap(f).toLocalIterator())``; ``self.counts[k] += 1`` -> ``yield k, 1`` and a loop
        adding them on the driver."""
        node = closure.node
        call = closure.at
        if closure.how not in FOREACH or not isinstance(node, ast.FunctionDef) \
                or not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            return None
        on_self = closure.target is not None
        if on_self and not self._own_method(module, owner, closure):
            return None
        if any(isinstance(n, (ast.Nonlocal, ast.Global, ast.Yield, ast.YieldFrom, ast.Lambda)) for n in walk_tree(node)) \
                or any(isinstance(n, ast.Return) and n.value is not None for n in walk_tree(node)) \
                or any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n is not node for n in walk_tree(node)):
            return None
        muts = mutations(node, local_names(node))
        if not muts or any(m.name != name or m.counter for m in muts):
            return None
        container = f"self.{name}" if on_self else name
        # each mutation a statement of its own, all of one kind: ``out[k] = v`` / ``out[k] += n`` /
        # ``out.append(x)`` / ``out.add(x)``
        statements = {id(st.value): st for st in walk_tree(node) if isinstance(st, ast.Expr)}
        kinds: set[str] = set()
        yields: list[tuple[ast.stmt, str]] = []
        src = module.source

        def text(n: ast.AST) -> str:
            a, b = edits.span(src, n)
            return src[a:b]

        for m in muts:
            st = m.node
            if isinstance(st, (ast.Assign, ast.AugAssign)):
                target = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 else \
                    st.target if isinstance(st, ast.AugAssign) else None
                if not isinstance(target, ast.Subscript) or ast.unparse(target.value) != container:
                    return None
                if isinstance(st, ast.AugAssign) and not isinstance(st.op, ast.Add):
                    return None
                kinds.add("add" if isinstance(st, ast.AugAssign) else "update")
                yields.append((st, f"yield {text(target.slice)}, {text(st.value)}"))
            elif isinstance(st, ast.Call) and id(st) in statements and st.func.attr in ("append", "add") \
                    and ast.unparse(st.func.value) == container and len(st.args) == 1 and not st.keywords:
                kinds.add("extend" if st.func.attr == "append" else "update")
                yields.append((statements[id(st)], f"yield {text(st.args[0])}"))
            else:
                return None
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        mutated = {id(n) for m in muts for n in walk_tree(m.node)}
        reads_here = [n for n in walk_tree(node) if id(n) not in mutated and (
            isinstance(n, ast.Name) and n.id == name and not on_self
            or isinstance(n, ast.Attribute) and on_self and ast.unparse(n) == container)]
        if reads_here:
            return None  # read on the executor (a dedupe check): its copy there is not the driver's
        stmt = next((st for st in walk_tree(owner.node) if isinstance(st, ast.Expr) and st.value is call), None)
        receiver = call.func.value
        if stmt is None or len(call.args) != 1 or call.keywords:
            return None
        if frames.is_df(owner, receiver):
            rdd_src = f"{text(receiver)}.rdd"
        elif is_rdd(frames, owner, receiver):
            rdd_src = text(receiver)
        else:
            return None
        method = "flatMap" if closure.how == "foreach" else "mapPartitions"
        # streamed to the driver partition by partition (not a second copy in one list: SPK301)
        collected = f"{rdd_src}.{method}({text(call.args[0])}).toLocalIterator()"
        changes = [(a, b, t) for st, t in yields for a, b in [edits.span(src, st)]]
        a, b = edits.span(src, stmt)
        if kind == "add":
            used = {n.id for n in walk_tree(owner.node) if isinstance(n, ast.Name)}
            key, amount = next((k, v) for k, v in (("key", "amount"), ("key_", "amount_"), ("_key", "_amount"))
                               if k not in used and v not in used)
            indent = " " * stmt.col_offset
            changes.append((a, b, f"for {key}, {amount} in {collected}:\n{indent}    {container}[{key}] += {amount}"))
        else:
            changes.append((a, b, f"{container}.{kind}({collected})"))
        return edits.apply(src, changes)

    @staticmethod
    def _own_method(module: "ModuleInfo", owner: "FunctionInfo", closure: Closure) -> bool:
        """``self.<method>`` of the job's own class, in this module, named nowhere else in it (turning it into a
        generator changes no other caller)."""
        target = closure.target
        args = owner.node.args.args
        if target is None or target.file != owner.file or target.class_name != owner.class_name \
                or not args or args[0].arg != "self" or not target.node.args.args \
                or target.node.args.args[0].arg != "self" or target.node.decorator_list:
            return False
        uses = [n for n in walk_tree(module.tree) if isinstance(n, ast.Attribute) and n.attr == target.node.name]
        return len(uses) == 1
