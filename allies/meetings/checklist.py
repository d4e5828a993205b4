"""The collaborative meeting checklist we ship: before, during and after a meeting.

It is data: ``content/checklist.toml`` lists the steps of each phase in order,
``content/<language>/checklist.toml`` words each step in that language. A meeting gets its
own copy when it is planned (`services.meeting_plan`), which the family can then edit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .models import Phase

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LANGUAGE = "en"
PHASES = {"before": Phase.BEFORE, "during": Phase.DURING, "after": Phase.AFTER}


@dataclass(frozen=True)
class Step:
    key: str
    phase: int
    texts: dict[str, str]

    def text(self, language: str | None) -> str:
        code = (language or "").lower().replace("_", "-").split("-")[0]
        return self.texts.get(code, self.texts[DEFAULT_LANGUAGE])


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{path}: {error}") from error


def load_steps(folder: Path) -> tuple[Step, ...]:
    """The steps in order, each in every language folder of `folder`."""
    order = _read(folder / "checklist.toml")
    if set(order) != set(PHASES):
        raise ImproperlyConfigured(f"{folder / 'checklist.toml'}: phases must be {list(PHASES)}")
    keys = [(key, PHASES[phase]) for phase in PHASES for key in order[phase]]  # type: ignore[attr-defined]  # checked below
    if len({key for key, _p in keys}) != len(keys):
        raise ImproperlyConfigured(f"{folder / 'checklist.toml'}: a step is listed twice")
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir())
    if DEFAULT_LANGUAGE not in languages:
        raise ImproperlyConfigured(f"{folder}: there must be a folder {DEFAULT_LANGUAGE!r}")
    texts: dict[str, dict[str, str]] = {key: {} for key, _p in keys}
    for language in languages:
        path = folder / language / "checklist.toml"
        words = _read(path).get("steps")
        if not isinstance(words, dict) or set(words) != set(texts):
            raise ImproperlyConfigured(f"{path}: [steps] must word each step once")
        for key, text in words.items():
            if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
                raise ImproperlyConfigured(f"{path}: {key}: one line of text")
            texts[key][language] = text.strip()
    return tuple(Step(key, phase, texts[key]) for key, phase in keys)


STEPS: tuple[Step, ...] = load_steps(CONTENT_DIR)


def steps_in(language: str | None) -> Iterator[tuple[Step, str]]:
    """Each step with its words in `language` (English for one we do not ship)."""
    for step in STEPS:
        yield step, step.text(language)
