"""SPK102: CSV / JSON read without an explicit schema in a job that writes what it read."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterable, Iterator

from rootfix.rules.base import CheckContext, Example, Rule
from rootfix.rules.spark._lib.executors import spark_functions
from rootfix.types import Finding
from rootfix.discover.walk import walk_tree

if TYPE_CHECKING:
    from rootfix.discover.index import FunctionInfo

TEXT_FORMATS = frozenset({"csv", "json"})
WRITES = frozenset({"saveAsTable", "insertInto", "save", "parquet", "csv", "json", "orc", "jdbc", "text",
                    "saveAsTextFile", "avro", "toTable", "start"})


def _chain(node: ast.expr) -> Iterator[ast.AST]:
    while isinstance(node, (ast.Call, ast.Attribute)):
        yield node
        node = node.func if isinstance(node, ast.Call) else node.value


def _reader_format(call: ast.Call) -> str | None:
    """``spark.read[.option(...)].csv(...)`` / ``spark.read.format("json").load(...)`` -> the format."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return None
    chain = list(_chain(func.value))
    if not any(isinstance(n, ast.Attribute) and n.attr in ("read", "readStream") for n in chain):
        return None
    if func.attr in TEXT_FORMATS:
        return func.attr
    if func.attr == "load":
        fmt = next((n for n in chain if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                    and n.func.attr == "format" and n.args and isinstance(n.args[0], ast.Constant)), None)
        value = fmt.args[0].value if fmt is not None else next(
            (k.value.value for k in call.keywords if k.arg == "format" and isinstance(k.value, ast.Constant)), None)
        return value if value in TEXT_FORMATS else None
    return None


def _has_schema(call: ast.Call) -> bool:
    if any(k.arg == "schema" for k in call.keywords) or (call.func.attr in TEXT_FORMATS and len(call.args) >= 2):
        return True  # csv(path, schema) / json(path, schema)
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "schema"
               for n in _chain(call.func))


def _writes(fn: "FunctionInfo") -> bool:
    """The function writes a frame: ``<x>.write...<format>(...)``, ``.saveAsTable``, ``.insertInto``."""
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
            if any(isinstance(n, ast.Attribute) and n.attr in ("write", "writeStream") for n in _chain(node.func)):
                return True
            if node.func.attr == "saveAsTextFile":
                return True
    return False


def _written_names(fn: "FunctionInfo") -> set[str]:
    """Names whose frame is written (``x.write...``, ``x.select(...).write...``), and the names their value was
    built from (``x = a.union(b)``: a and b are written too), a few hops back."""
    written: set[str] = set()
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Attribute) and node.attr in ("write", "writeStream", "saveAsTextFile"):
            written |= {n.id for n in walk_tree(node.value) if isinstance(n, ast.Name)}
    assigns = [(t.id, n.value) for n in walk_tree(fn.node) if isinstance(n, ast.Assign)
               for t in n.targets if isinstance(t, ast.Name)]
    for _ in range(4):
        for name, value in assigns:
            if name in written:
                written |= {n.id for n in walk_tree(value) if isinstance(n, ast.Name)}
    return written


def _reaches_write(fn: "FunctionInfo", read: ast.Call, written: set[str]) -> bool:
    """The read's frame is written: the read is inside a written expression, or assigned to a written name."""
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Attribute) and node.attr in ("write", "writeStream", "saveAsTextFile") \
                and any(n is read for n in walk_tree(node.value)):
            return True
        if isinstance(node, ast.Assign) and any(n is read for n in walk_tree(node.value)) \
                and any(isinstance(t, ast.Name) and t.id in written for t in node.targets):
            return True
    return False


def _infers(call: ast.Call) -> bool:
    """``inferSchema=True`` / ``.option("inferSchema", True)`` on the read: types guessed from today's values."""
    for node in [call, *(n for n in _chain(call.func) if isinstance(n, ast.Call))]:
        for k in node.keywords:
            if k.arg == "inferSchema" and isinstance(k.value, ast.Constant) and k.value.value in (True, "true", "True"):
                return True
        if isinstance(node.func, ast.Attribute) and node.func.attr == "option" and len(node.args) == 2 \
                and isinstance(node.args[0], ast.Constant) and str(node.args[0].value).lower() == "inferschema" \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in (True, "true", "True"):
            return True
    return False


def _returned(fn: "FunctionInfo", read: ast.Call) -> bool:
    """A loader: the read's frame (or one built from it) is what the function returns."""
    names = {t.id for n in walk_tree(fn.node) if isinstance(n, ast.Assign) and any(x is read for x in walk_tree(n.value))
             for t in n.targets if isinstance(t, ast.Name)}
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Return) and node.value is not None:
            if any(x is read for x in walk_tree(node.value)) or any(
                    isinstance(x, ast.Name) and x.id in names for x in walk_tree(node.value)):
                return True
    return False


def schemaless_reads(fn: "FunctionInfo") -> Iterator[tuple[ast.Call, str]]:
    writes = _writes(fn)
    written = _written_names(fn) if writes else set()
    for node in walk_tree(fn.node):
        if isinstance(node, ast.Call):
            fmt = _reader_format(node)
            if fmt is None or _has_schema(node):
                continue
            # written here, or handed on by a loader with its types guessed from the file (a code of digits
            # only becomes a number and loses its leading zeros)
            if (writes and _reaches_write(fn, node, written)) or (_infers(node) and _returned(fn, node)):
                yield node, fmt


class ReadWithoutSchema(Rule):
    """CSV or JSON read without a schema in a job that writes.

    ## What it does
    Finds `spark.read.csv(...)`, `spark.read.json(...)` and `spark.read.format("csv"|"json").load(...)` without
    `schema=` / `.schema(...)` whose frame the same job function writes (`df.write...`, `saveAsTable`,
    `insertInto`), directly or through the frames built from it; and a loader that returns a frame read with
    `inferSchema` on (its types are whatever today's values look like).

    ## Why is this bad?
    Without a schema Spark guesses one from the files it is given today: the CSV header decides the column order,
    `inferSchema` (or JSON's own inference) decides the types from the values present. A new export with
    reordered columns, a day where a column is empty (`string` instead of `bigint`), or a field that appears in
    one JSON file but not another, changes the frame — and the job writes it, silently: a `union` lines values
    up by position, a table gets a new type, a downstream reader breaks days later.

    ## Example
    ```python
    uploads = spark.read.csv(path, header=True, inferSchema=True)
    uploads.write.mode("append").parquet(out)
    ```

    ## Use instead
    ```python
    UPLOADS = "upload_id string, user_id string, bytes bigint, created timestamp"
    uploads = spark.read.csv(path, header=True, schema=UPLOADS)
    uploads.write.mode("append").parquet(out)
    ```

    ## Fix safety
    No automatic fix: the schema is the data's contract, which the code does not state.
    """

    code = "SPK102"
    name = "read-without-schema"
    bug_class = "P1"
    component_types = ("pyspark-job",)
    #: Spark code wherever it runs: a job a command hands a session built elsewhere is no pyspark-job component
    scope = "all"
    fix_safety = None

    VALID = (
        Example(  # schema given three ways; parquet carries its own; a read that is not written
            path="shop/jobs/load.py",
            code=(
                "from pyspark.sql import SparkSession\n"
                "from pyspark.sql.types import StructField, StringType, StructType\n\n"
                "SCHEMA = StructType([StructField('id', StringType()), StructField('email', StringType())])\n\n\n"
                "def load(spark, path, out):\n"
                "    a = spark.read.csv(path, header=True, schema=SCHEMA)\n"
                "    b = spark.read.schema(SCHEMA).json(path)\n"
                "    c = spark.read.format('csv').schema('id string, email string').load(path)\n"
                "    d = spark.read.parquet(path)\n"
                "    a.union(b).union(c).union(d).write.parquet(out)\n\n\n"
                "def peek(spark, path):\n"
                "    return spark.read.json(path).count()\n"
            ),
        ),
    )
    INVALID = (
        Example(  # a loader handing on a frame whose types were inferred
            path="shop/loaders.py",
            code=(
                "from pyspark.sql import SparkSession\n"
                "from pyspark.sql import functions as F\n\n\n"
                "def load_members(spark, path):\n"
                "    df = spark.read.option('header', True).option('inferSchema', True).csv(path)\n"
                "    return df.select(F.col('member_no').alias('member'), F.col('joined'))\n"
            ),
        ),
        Example(
            path="shop/jobs/load.py",
            code=(
                "from pyspark.sql import SparkSession\n\n\n"
                "def load(spark, path, out):\n"
                "    uploads = spark.read.csv(path, header=True, inferSchema=True)\n"
                "    uploads.write.mode('append').parquet(out)\n"
            ),
        ),
        Example(  # JSON through format().load() in a spark-submit script, saved as a table
            path="jobs/events.py",
            code=(
                "from pyspark.sql import SparkSession\n\n"
                "spark = SparkSession.builder.getOrCreate()\n"
                "events = spark.read.format('json').option('multiLine', True).load('s3://b/events/')\n"
                "events.write.mode('append').saveAsTable('raw.events')\n"
            ),
        ),
    )

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for fn in spark_functions(ctx):
            for call, fmt in schemaless_reads(fn):
                if _infers(call) and _returned(fn, call):
                    message = (f"{fmt.upper()} read with inferSchema in a loader: each column's type is guessed "
                               "from today's values (a code of digits only becomes a number and loses its leading "
                               "zeros, an empty column a string), and whoever combines this frame gets that; "
                               "pass schema=")
                else:
                    message = (f"{fmt.upper()} read without a schema in a job that writes: column order and types "
                               "are guessed from today's files, so a reordered header or an empty column silently "
                               "changes what is written; pass schema=")
                yield self.finding(fn, call.func, message, file=fn.file)

