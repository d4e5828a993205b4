"""The settings parsers: a bad value stops start-up with a message naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from allies.core.datadir import prepare, read_secret_key
from allies.settings import database_from_url, env_bool, env_int, env_list

VAR = "ALLIES_TEST_SETTING"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("Off", False),
        ("no", False),
        ("false", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, not expected) is expected


@pytest.mark.parametrize("raw", [None, ""])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(
    monkeypatch: pytest.MonkeyPatch, raw: str | None
) -> None:
    if raw is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, True) is True
    assert env_bool(VAR, False) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", "tru"])
def test_env_bool_rejects_anything_else_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=VAR):
        env_bool(VAR, False)


def test_env_int_reads_a_whole_number_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VAR, "42")
    assert env_int(VAR, 5, minimum=1, maximum=100) == 42
    monkeypatch.setenv(VAR, "")
    assert env_int(VAR, 5) == 5


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("abc", "whole number"),
        ("4.5", "whole number"),
        ("0", "between 1 and 100"),
        ("101", "between 1 and 100"),
        ("-3", "between 1 and 100"),
    ],
)
def test_env_int_rejects_bad_values_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str, message: str
) -> None:
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be .*{message}"):
        env_int(VAR, 5, minimum=1, maximum=100)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VAR, " a.example , ,b.example,")
    assert env_list(VAR, ["x"]) == ["a.example", "b.example"]
    monkeypatch.setenv(VAR, "  ")
    assert env_list(VAR, ["x"]) == ["x"]


def test_database_from_url_reads_postgres_urls() -> None:
    db = database_from_url("postgres://allies:p%40ss@db.internal:6543/allies_prod")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "allies_prod",
        "allies",
        "p@ss",
        "db.internal",
        "6543",
    )
    assert database_from_url("postgresql://localhost/allies")["PORT"] == ""


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///var/allies.sqlite3", "var/allies.sqlite3"),
        ("sqlite:////srv/allies/db.sqlite3", "/srv/allies/db.sqlite3"),
        ("sqlite:///", ":memory:"),
    ],
)
def test_database_from_url_reads_sqlite_urls(url: str, path: str) -> None:
    db = database_from_url(url)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == path


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://localhost/allies", "must start with sqlite:/// or postgres://"),
        ("localhost/allies", "must start with sqlite:/// or postgres://"),
        ("", "must start with sqlite:/// or postgres://"),
        ("postgres://localhost", "must name a database"),
        ("postgres://localhost/", "must name a database"),
        ("postgres://localhost:notaport/allies", "invalid port"),
        ("postgres://localhost:99999/allies", "invalid port"),
    ],
)
def test_database_from_url_rejects_bad_urls_naming_the_variable(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"DATABASE_URL.*{message}"):
        database_from_url(url)
    with pytest.raises(ImproperlyConfigured, match="OTHER_URL"):
        database_from_url(url, name="OTHER_URL")


def test_the_secret_key_is_made_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ALLIES_SECRET_KEY", raising=False)
    data_dir = tmp_path / "data"
    prepare(data_dir)
    key = read_secret_key(data_dir)
    assert len(key) >= 50
    prepare(data_dir)
    assert read_secret_key(data_dir) == key
    assert (data_dir / "secret_key").stat().st_mode & 0o777 == 0o600
    assert data_dir.stat().st_mode & 0o777 == 0o700
    monkeypatch.setenv("ALLIES_SECRET_KEY", "from-the-environment")
    assert read_secret_key(data_dir) == "from-the-environment"


def test_reading_the_key_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALLIES_SECRET_KEY", raising=False)
    data_dir = tmp_path / "nothing-here"
    assert len(read_secret_key(data_dir)) >= 50
    assert not data_dir.exists()


def test_importing_the_settings_creates_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "ALLIES_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "allies.settings",
    }
    env.pop("ALLIES_SECRET_KEY", None)
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.DATA_DIR)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == str(data_dir)
    assert not data_dir.exists()


def test_the_commands_that_need_it_make_the_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {
        **os.environ,
        "ALLIES_DATA_DIR": str(data_dir),
        "DATABASE_URL": "sqlite:///" + str(data_dir / "db.sqlite3"),
    }
    env.pop("ALLIES_SECRET_KEY", None)
    allies = [sys.executable, "-c", "from allies.cli import main; main()"]
    subprocess.run([*allies, "check"], env=env, capture_output=True, check=True)
    assert not data_dir.exists()
    subprocess.run([*allies, "migrate", "-v0"], env=env, capture_output=True, check=True)
    assert (data_dir / "secret_key").exists()
    assert (data_dir / "db.sqlite3").stat().st_mode & 0o077 == 0
