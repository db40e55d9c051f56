"""The layout of `src/labourgraph/`: every import points forward along the pipeline, and no
module imports itself back through others (docs/architecture.md).

Imports are read from the source (every `import` and `from … import`, at module level or
inside a function), so a lazy import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "labourgraph"

STAGES = (
    "core",
    "intake",
    "extract",
    "link",
    "assemble",
    "check",
    "publish",
    "analysis",
    "cache",
    "build",
    "distribute",
    "tools",
    "cli",
)
"""The stages in the order data flows; a module may import its own stage or an earlier one."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The labourgraph modules `path` imports (a name imported from a package counts as the
    submodule when it is one)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        else:
            continue
        for name in names:
            if not name.startswith("labourgraph"):
                continue
            short = name.removeprefix("labourgraph").lstrip(".")
            while short and short not in known:
                short = short.rpartition(".")[0]
            if short:
                found.add(short)
    return found


def stage(module: str) -> int:
    return STAGES.index(module.split(".")[0])


def import_graph() -> nx.DiGraph:
    found = modules()
    known = set(found) - {""}
    graph = nx.DiGraph()
    for name, path in found.items():
        if not name:
            continue
        graph.add_node(name)
        for target in imports_of(path, known):
            # a package's own __init__ re-exporting its modules is not an arrow between stages
            if target != name and not name.startswith(f"{target}."):
                graph.add_edge(name, target)
    return graph


def test_every_module_belongs_to_a_stage() -> None:
    strays = [m for m in modules() if m and m.split(".")[0] not in STAGES]
    assert strays == [], f"modules outside the stages of STAGES: {strays}"


def test_no_import_points_backward() -> None:
    backward = sorted(
        f"{source} -> {target}"
        for source, target in import_graph().edges
        if stage(target) > stage(source)
    )
    assert backward == [], "imports from a later stage:\n" + "\n".join(backward)


def test_no_import_cycle() -> None:
    cycles = sorted(" -> ".join(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_the_walk_sees_a_backward_import(tmp_path: Path) -> None:
    """The checker itself: an import from a later stage, even inside a function, is seen."""
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from labourgraph.publish import serve\n", encoding="utf-8")
    assert imports_of(source, {"publish", "publish.serve"}) == {"publish.serve", "publish"}
    assert stage("publish.serve") > stage("extract.nlp")
