"""CMD602's fix, proven by behaviour: the job's export, run under a server locale that is not UTF-8, fails on
a non-ASCII name before the fix and writes UTF-8 after it (a real interpreter, a real file)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rootfix.check.testing import check_findings, check_transformed, dedent

JOB = dedent('''
    from pathlib import Path


    def export_names(path, names):
        with open(path, "w", newline="") as fh:
            fh.write("\\n".join(names))
        Path(str(path) + ".count").write_text(str(len(names)))
''')


def _run_under_ascii_locale(module_dir: Path, out: Path) -> subprocess.CompletedProcess:
    """Call export_names() in a fresh interpreter whose locale encoding is ASCII: LC_ALL=C with neither
    PEP 538 locale coercion nor PEP 540 UTF-8 mode (what a container or cron without LANG can get)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8"))}
    env.update(LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONPATH=str(module_dir))
    # the names as escapes: the command line itself is decoded with the ASCII locale
    code = f"from depot.jobs import export_names; export_names({str(out)!r}, ['M\\u00fcller', 'Zo\\u00eb'])"
    return subprocess.run([sys.executable, "-X", "utf8=0", "-c", code], env=env, capture_output=True, text=True,
                          timeout=60)


def test_fix_makes_the_export_independent_of_the_locale(tmp_path: Path) -> None:
    files = {"depot/__init__.py": "", "depot/jobs.py": JOB}
    check_findings("CMD602", files, path="depot/jobs.py", count=2, root=tmp_path / "found", all_code=True)
    fixed = check_transformed("CMD602", files, path="depot/jobs.py", root=tmp_path / "fixed", all_code=True,
                              expected=JOB.replace('newline="")', 'newline="", encoding="utf-8")')
                              .replace("str(len(names)))", 'str(len(names)), encoding="utf-8")'))
    for name, source in (("before", JOB), ("after", fixed)):
        (tmp_path / name / "depot").mkdir(parents=True)
        (tmp_path / name / "depot" / "__init__.py").write_text("")
        (tmp_path / name / "depot" / "jobs.py").write_text(source, encoding="utf-8")
    before = _run_under_ascii_locale(tmp_path / "before", tmp_path / "before.txt")
    assert before.returncode != 0 and "UnicodeEncodeError" in before.stderr, before.stderr
    after = _run_under_ascii_locale(tmp_path / "after", tmp_path / "after.txt")
    assert after.returncode == 0, after.stderr
    assert (tmp_path / "after.txt").read_bytes() == "Müller\nZoë".encode("utf-8")
