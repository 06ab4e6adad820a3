"""README.md's ```python blocks run as written (from the repository root), and what
their comments say they print is what they print."""

import contextlib
import io
import os
import re

from conftest import ROOT


def python_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_python_blocks_run(monkeypatch):
    blocks = python_blocks()
    assert blocks
    monkeypatch.chdir(ROOT)
    for code in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        printed = out.getvalue().splitlines()
        said = [c.strip() for c in re.findall(r"print\(.*\)\s*#\s*(.*)", code)]
        for comment in said:
            # "…" stands for what the comment leaves out.
            pattern = ".*".join(re.escape(part) for part in comment.split("…"))
            if re.match(r"^[A-Za-z(]", comment) and ("=" in comment or ":" in comment):
                assert any(re.match(pattern, line) for line in printed), (comment, printed)
