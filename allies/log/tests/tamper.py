"""Changing the record behind the app's back, as someone with the database file could:
the refusing triggers are dropped for the block (inside the test's transaction, so the
rollback restores them too) and put back after it."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

_TRIGGERS = importlib.import_module("allies.log.migrations.0010_revisions_only_added")


@contextmanager
def tampering() -> Iterator[None]:
    vendor = connection.vendor
    install = {"sqlite": _TRIGGERS.SQLITE, "postgresql": _TRIGGERS.POSTGRESQL}[vendor]
    remove = {"sqlite": _TRIGGERS.SQLITE_REVERSE, "postgresql": _TRIGGERS.POSTGRESQL_REVERSE}
    with connection.cursor() as cursor:
        for sql in remove[vendor]:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in install:
                cursor.execute(sql)
