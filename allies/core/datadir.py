"""Where Allies keeps its files, and making them: only the commands that need them do.

Importing the settings creates nothing. `allies migrate`, `allies demo` and `allies
serve` call `prepare()` first (see `allies.cli`): it makes the data directory, readable
by this OS user only, and the secret key in it. Plain Python, so the command line can
use it before Django's settings are read.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
KEY_FILE = "secret_key"


def data_dir() -> Path:
    """`ALLIES_DATA_DIR`, or `var/` beside the code, wherever the command is run from."""
    return Path(os.environ.get("ALLIES_DATA_DIR") or CHECKOUT / "var").resolve()


def read_secret_key(directory: Path) -> str:
    """`ALLIES_SECRET_KEY`, else the key `prepare()` wrote, else a key for this process
    only (nothing signed with it outlives the process: fine for checks and tests)."""
    env_key = os.environ.get("ALLIES_SECRET_KEY")
    if env_key:
        return env_key
    try:
        return (directory / KEY_FILE).read_text().strip()
    except FileNotFoundError:
        return secrets.token_urlsafe(50)


def prepare(directory: Path) -> None:
    """Make the data directory (mode 700) and its secret key (mode 600) if missing."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.environ.get("ALLIES_SECRET_KEY"):
        return
    try:
        fd = os.open(directory / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_urlsafe(50))
