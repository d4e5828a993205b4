"""Reading ids from a query string or form: junk is left out, never an error."""

from __future__ import annotations


def ids_from(values: list[str]) -> list[int]:
    """The values that are plain ASCII numbers a database id can hold, as ints."""
    return [int(v) for v in values if v.isdecimal() and v.isascii() and len(v) < 10]
