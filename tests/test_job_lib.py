"""The scheduled-job rules' shared pieces: the try/finally codemod keeps comments and formatting, works in
nested blocks and at module level, and refuses what it cannot find."""
from __future__ import annotations

import ast

from rootfix.rules.job._lib.finally_wrap import wrap_in_finally
from rootfix.rules.job._lib.locks import unreleased_locks
from rootfix.rules.job._lib.markers import marker_fits

SOURCE = '''def job():
    if not cache.add(KEY, 1, 600):  # one run at a time
        return

    # the slow part
    for row in rows():
        push(row)  # may time out
    log.info("done")

    # give it back
    cache.delete(KEY)
    return 3
'''


def test_wrap_keeps_comments_and_the_code_after_the_release() -> None:
    assert wrap_in_finally(SOURCE, 6, 11, 11) == '''def job():
    if not cache.add(KEY, 1, 600):  # one run at a time
        return

    # the slow part
    try:
        for row in rows():
            push(row)  # may time out
        log.info("done")
    finally:
        # give it back
        cache.delete(KEY)
    return 3
'''


def test_wrap_in_a_nested_block_and_at_module_level() -> None:
    nested = "for x in xs:\n    lock.acquire()\n    work(x)\n    lock.release()\n"
    assert wrap_in_finally(nested, 3, 4, 4) == (
        "for x in xs:\n    lock.acquire()\n    try:\n        work(x)\n    finally:\n        lock.release()\n")
    assert wrap_in_finally("a()\nb()\nc()\n", 2, 3, 3) == "a()\ntry:\n    b()\nfinally:\n    c()\n"


def test_wrap_refuses_lines_that_are_not_one_block() -> None:
    assert wrap_in_finally(SOURCE, 7, 11, 11) is None  # line 7 is inside the loop, 11 is not
    assert wrap_in_finally(SOURCE, 11, 6, 6) is None


def test_lock_pairs_found_and_already_safe_ones_not() -> None:
    fn = ast.parse(SOURCE).body[0]
    [(pair, lock)] = list(unreleased_locks(fn))
    assert (lock.kind, pair.acquire_stmt.lineno, pair.work[0].lineno, pair.release_stmt.lineno) == ("cache", 2, 6, 11)
    safe = ast.parse(wrap_in_finally(SOURCE, 6, 11, 11)).body[0]
    assert list(unreleased_locks(safe)) == []


def test_a_marker_must_record_the_side_effect() -> None:
    assert marker_fits("send", "sent_at") and marker_fits("notify_oncall", "notified_at")
    assert marker_fits("delay", "processed_at")  # "processed" fits any side effect
    assert not marker_fits("enqueue", "delivered_at")  # reprinting a label is not delivering it
    assert not marker_fits("charge", "sent_at")
