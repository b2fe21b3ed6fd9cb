"""The house rules that keep the code livable: arrows point down (no import cycles inside reader/),
and the TUI's screens need of the app only what the ReaderHost protocol names."""

from __future__ import annotations

import ast
from pathlib import Path

import reader

PACKAGE = Path(reader.__file__).parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("reader", *path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Modules of reader/ that ``name`` imports, anywhere in the file (type-checking and
    function-level imports included: a cycle hidden in a function is still a cycle). An import
    of a module's own parent package does not count (every submodule loads its package)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                target = f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                if target in modules:
                    out.add(target)
        elif isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name in modules}
    return {t for t in out if t != name and not (name.startswith(t + ".") and modules[t].name == "__init__.py")}


def import_cycles() -> list[list[str]]:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return cycles


def test_no_import_cycles_inside_reader():
    assert import_cycles() == []


def test_the_cycle_finder_sees_a_cycle(tmp_path, monkeypatch):
    """The finder itself can fail: two modules that import each other are reported."""
    fake = tmp_path / "reader"
    (fake / "sub").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "sub" / "__init__.py").write_text("")
    (fake / "sub" / "a.py").write_text("from reader.sub import b\n")
    (fake / "sub" / "b.py").write_text("def f():\n    from reader.sub.a import x\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert import_cycles() == [["reader.sub.a", "reader.sub.b", "reader.sub.a"]]


def test_the_app_is_what_its_screens_expect(tmp_path):
    from reader.tui.app import ReaderApp
    from reader.tui.host import ReaderHost

    assert isinstance(ReaderApp(tmp_path / "library.db"), ReaderHost)


def test_the_library_is_split_by_job_behind_one_face():
    """Library delegates: no SQL of its own beyond the planner refresh, and its modules stay small."""
    store = (PACKAGE / "library" / "store.py").read_text(encoding="utf-8")
    assert store.count("self._conn.execute(") <= 2
    too_long = {p.name: n for p in (PACKAGE / "library").glob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert too_long == {}


# The pipeline's stages, upstream first: a stage never imports one downstream of it (bundle ->
# decode -> extract -> library; the shells on top).
_DOWNSTREAM = {
    "reader.bundle": ("reader.extract", "reader.library", "reader.importer", "reader.tui", "reader.cli"),
    "reader.extract": ("reader.bundle", "reader.library", "reader.importer", "reader.tui", "reader.cli"),
    "reader.library": ("reader.bundle", "reader.extract", "reader.importer", "reader.tui", "reader.cli"),
}


def test_the_pipeline_stages_only_import_upstream():
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        for stage, forbidden in _DOWNSTREAM.items():
            if name == stage or name.startswith(stage + "."):
                wrong.extend(f"{name} -> {target}" for target in sorted(_imports(name, path, modules))
                             if target.startswith(forbidden))
    assert wrong == []
