"""The import rule of docs/architecture.md: apps import only from layers below their own,
and apps on one layer not from each other. The contract is in pyproject.toml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command as lint; sys.exit(lint())",
]


def lint(where: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run(
        [*LINT, "--no-cache"], cwd=where, env=env, capture_output=True, text=True, check=False
    )


def test_the_apps_import_only_downwards() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_import_up_a_layer_or_across_one_breaks_the_rule(tmp_path: Path) -> None:
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "allies",
        tmp_path / "allies",
        ignore=shutil.ignore_patterns("locale", "static", "templates", "__pycache__", "*.toml"),
    )
    models = tmp_path / "allies" / "log" / "models.py"
    models.write_text(models.read_text() + "\nfrom allies.home import views  # noqa\n")
    queries = tmp_path / "allies" / "team" / "models.py"
    queries.write_text(queries.read_text() + "\nfrom allies.tone import coach  # noqa\n")

    result = lint(tmp_path)

    assert result.returncode != 0
    assert "allies.log.models -> allies.home.views" in result.stdout
    assert "allies.team.models -> allies.tone.coach" in result.stdout
