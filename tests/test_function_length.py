"""No function in src/ is longer than 80 lines (issue 20, item 7): a long function is cut at the seams its
comments mark, into well-named functions. Lines count from the first decorator to the last line of the body,
nested functions included in their parent (a function is read as a whole)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "juesuan"
LIMIT = 80


def long_functions(root: Path = SRC, limit: int = LIMIT) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                n = (node.end_lineno or node.lineno) - first + 1
                if n > limit:
                    out.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name}: {n} lines")
    return out


def test_no_function_over_80_lines():
    too_long = long_functions()
    assert not too_long, f"functions over {LIMIT} lines (split them at their seams):\n" + "\n".join(too_long)


def test_the_count_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (tmp_path / "m.py").write_text(f"@staticmethod\ndef f():\n{body}\n\n\ndef g():\n    pass\n", encoding="utf-8")
    assert long_functions(tmp_path) == [f"{tmp_path.name}/m.py:2 f: {LIMIT + 2} lines"]
