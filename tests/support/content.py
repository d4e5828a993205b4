"""Breaking a copy of a content folder (the toolkit's, the question bank's, the tone
coach's lexicon) and checking that the error names the file and the item."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured


def assert_broken_file_named(
    path: Path, old: str, new: str, named: list[str], load: Callable[[], object]
) -> None:
    """Replace `old` with `new` in `path`, then `load()` must stop with an error that
    starts with the file's path and names each of `named`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ImproperlyConfigured) as error:
        load()
    message = str(error.value)
    assert message.startswith(f"{path}: "), message
    for item in named:
        assert item in message, message
