"""The shape of the package: stages are folders, imports go one way, every command is documented."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import paths
from generator.cli import parser

PACKAGE = paths.ROOT / "generator"
# The layers, bottom to top: a module may import its own layer and the ones below, never above.
# language (German words from displayed numbers) sits between model and config: config, publish and site use it.
LAYERS = {"paths": 0, "errors": 0, "model": 1, "language": 1.5, "config": 2, "inputs": 3, "index": 4, "publish": 5,
          "site": 6, "onboard": 7, "build": 7, "swap": 0, "cli": 8, "datasets": 9, "tools": 9}
STAGES = ("model", "language", "config", "inputs", "index", "publish", "site")


def modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        parts = p.relative_to(paths.ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Line numbers of imports inside `if TYPE_CHECKING:` (annotations, never run)."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    lines.add(inner.lineno)
    return lines


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Modules of ours that ``name`` imports at run time (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    out = set()
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_pkg else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{a.name}" for a in node.names]
            out.update(c for c in candidates if c in known)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
    return {m for m in out if m != name and not name.startswith(m + ".")}


def layer(module: str) -> int:
    return LAYERS[module.split(".")[1]]


def test_every_module_belongs_to_a_layer():
    assert {m.split(".")[1] for m in modules() if m != "generator"} <= set(LAYERS)


def test_imports_only_go_downward():
    known = modules()
    upward = []
    for name, path in known.items():
        if name == "generator":
            continue
        for target in imports(name, path, known):
            if target != "generator" and layer(target) > layer(name):
                upward.append(f"{name} → {target}")
    assert upward == []


def test_paths_imports_nothing_of_ours():
    known = modules()
    assert imports("generator.paths", known["generator.paths"], known) == set()


def test_no_import_cycles():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}

    def reaches(start: str, goal: str) -> bool:
        stack, seen = [start], set()
        while stack:
            for nxt in graph.get(stack.pop(), ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False
    cycles = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if reaches(b, a)})
    assert cycles == []


def test_the_import_check_would_catch_an_upward_import(tmp_path):
    """Negative control: the parser sees relative imports, also inside functions."""
    fake = tmp_path / "x.py"
    fake.write_text("def f():\n    from ..site import pages\n", encoding="utf-8")
    known = {"generator.model.x": fake, "generator.site.pages": fake, "generator.site": fake}
    assert imports("generator.model.x", fake, known) == {"generator.site.pages", "generator.site"}


def test_stages_are_folders_and_the_top_level_is_small():
    folders = [p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert set(STAGES) <= set(folders) and len(set(folders) & set(STAGES)) >= 5
    top = [p.name for p in PACKAGE.glob("*.py")]
    assert len(top) <= 8, top


def _commands():
    sub = next(a for a in parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_command_and_option_is_in_the_readme(command):
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"sozialbericht {re.escape(command)}\b", readme), command
    for action in _commands()[command]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in readme, f"{command} {option}"


@pytest.mark.parametrize("tool", ["screenshots", "pageweight", "bench", "release", "serve"])
def test_tools_import_without_test_dependencies(tool):
    """Playwright is a test dependency: the runtime package must import without it."""
    code = ("import sys; sys.modules['playwright'] = None; sys.modules['playwright.sync_api'] = None; "
            f"import generator.tools.{tool}")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
