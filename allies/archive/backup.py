"""Backups: a workspace (or the whole install) as one file of JSON lines, and restoring one.

The file, line by line (UTF-8, each line one JSON object, keys sorted, so the same
records give the same bytes):

    {"allies_backup": 1, "scope": "workspace", "passwords": false, "workspaces": [...]}
    {"model": "workspaces.workspace", "row": {"id": 3, "name": "...", ...}}
    ... every row of every table below, table by table, each by id ...
    {"end": {"rows": 1234, "sha256": "..."}}

The closing line seals the bytes of every line before it, so a file cut short or changed
anywhere is refused; the log's own chain is checked again after a restore, so a revision
altered is refused with its number. Nothing in the file says when it was made: backing up
what a restore made gives the identical file.

A workspace's backup holds the people its rows name (members, authors) without their
passwords: restored, they choose one with "Forgot your password?" (or an administrator's
`allies changepassword`). A backup of the whole install holds the passwords' hashes, and
what belongs to a person rather than a workspace (digest deliveries, calendar feeds).
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from allies.accounts.models import User
from allies.log.chain import chain_verify
from allies.workspaces.models import Workspace

FORMAT = 1

# Every table a workspace owns, in the order they are written and restored (what a row
# points to comes before it), with the lookup from the table to its workspace's id.
WORKSPACE_TABLES: tuple[tuple[str, str], ...] = (
    ("workspaces.workspace", "pk"),
    ("workspaces.membership", "workspace"),
    ("workspaces.invitation", "workspace"),
    ("students.student", "workspace"),
    ("team.teammember", "workspace"),
    ("log.interaction", "workspace"),
    ("log.participation", "interaction__workspace"),
    ("log.interactionrevision", "workspace"),
    ("questions.favouritequestion", "workspace"),
    ("questions.customquestion", "workspace"),
    ("questions.meetingquestion", "student__workspace"),
    ("meetings.insight", "workspace"),
    ("meetings.concern", "workspace"),
    ("meetings.concern_invited", "concern__workspace"),
    ("meetings.concern_entries", "concern__workspace"),
    ("meetings.concernoption", "concern__workspace"),
    ("meetings.concernevent", "concern__workspace"),
    ("meetings.meeting", "workspace"),
    ("meetings.meetingattendee", "meeting__workspace"),
    ("meetings.checklistitem", "meeting__workspace"),
    ("meetings.agendaitem", "meeting__workspace"),
    ("meetings.decision", "meeting__workspace"),
    ("meetings.actionitem", "workspace"),
    ("meetings.confirmationrequest", "meeting__workspace"),
    ("meetings.confirmation", "workspace"),
    ("relationships.weeklyfocus", "workspace"),
    ("toolkit.messagetemplate", "workspace"),
    ("workspaces.accessrecord", "workspace"),
)
USERS = "accounts.user"
# A person's own, not a workspace's: only in a backup of the whole install.
PERSONAL_TABLES = ("relationships.digestdelivery", "calendar.calendarfeed")
# Never backed up: a deletion permit lives only inside the transaction that deletes; a form
# claim only keeps a form from saving twice, for a few days; groups and permissions are
# Django's, unused by Allies.
LEFT_OUT = (
    "core.formclaim",
    "workspaces.deletionpermit",
    "accounts.user_groups",
    "accounts.user_user_permissions",
)
# What a workspace's backup says of each person it names.
USER_FIELDS_SHARED = (
    "id",
    "email",
    "display_name",
    "language",
    "time_zone",
    "digest",
    "date_joined",
    "is_active",
)

CHUNK = 2000
MAX_LINE = 64 * 1024 * 1024  # one row; a log entry's text is far shorter


def table(label: str) -> type[models.Model]:
    app_label, model_name = label.split(".")
    return apps.get_model(app_label, model_name)


def _dumps(value: Any) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode() + b"\n"


def _plain(value: Any) -> Any:
    """A column's value as JSON holds it (dates as ISO 8601 text, in UTC)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# ------------------------------------------------------------------------------- backup


@dataclass(frozen=True)
class Scope:
    """What a backup holds: one workspace (`workspace`) or the whole install (None)."""

    workspace: int | None = None

    @property
    def whole(self) -> bool:
        return self.workspace is None

    def rows(self, label: str, lookup: str) -> models.QuerySet[Any]:
        qs = table(label)._base_manager.all()
        if self.workspace is not None:
            qs = qs.filter(**{lookup: self.workspace})
        return qs.order_by("pk")

    def users(self) -> models.QuerySet[User]:
        users = User._base_manager.order_by("pk")
        if self.whole:
            return users
        named = Q()
        for label, lookup in WORKSPACE_TABLES:
            model = table(label)
            for column in model._meta.concrete_fields:
                if column.is_relation and column.related_model is User:
                    ids = self.rows(label, lookup).values(column.attname)
                    named |= Q(pk__in=ids)
        return users.filter(named)


@contextlib.contextmanager
def _one_moment() -> Iterator[None]:
    """Read everything as of one moment while writers carry on.

    PostgreSQL: a repeatable-read, read-only transaction. SQLite: a deferred transaction,
    which in WAL mode reads one snapshot without taking the write lock (Django's atomic
    blocks begin IMMEDIATE here, which would make every writer wait for the backup).
    Inside a transaction already (a test), that one is used.
    """
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ROLLBACK")


def backup_lines(*, workspace: Workspace | None = None) -> Iterator[bytes]:
    """The backup of `workspace`, or of the whole install, line by line (streamed)."""
    scope = Scope(workspace=workspace.pk if workspace is not None else None)
    with _one_moment():
        seal = hashlib.sha256()
        count = 0
        for line in _lines(scope):
            seal.update(line)
            count += 1
            yield line
        yield _dumps({"end": {"rows": count - 1, "sha256": seal.hexdigest()}})


def _lines(scope: Scope) -> Iterator[bytes]:
    heads = scope.rows("workspaces.workspace", "pk").values("id", "name", "log_seq", "log_head")
    yield _dumps(
        {
            "allies_backup": FORMAT,
            "scope": "install" if scope.whole else "workspace",
            "passwords": scope.whole,
            "workspaces": list(heads),
        }
    )
    labels = [label for label, _lookup in WORKSPACE_TABLES]
    order = labels[:1] + [USERS] + labels[1:] + (list(PERSONAL_TABLES) if scope.whole else [])
    lookups = dict(WORKSPACE_TABLES) | dict.fromkeys(PERSONAL_TABLES, "")
    for label in order:
        rows = _user_rows(scope) if label == USERS else _rows(scope.rows(label, lookups[label]))
        for row in rows:
            yield _dumps({"model": label, "row": row})


def _rows(queryset: models.QuerySet[Any]) -> Iterator[dict[str, Any]]:
    names = [column.attname for column in queryset.model._meta.concrete_fields]
    for values in queryset.values_list(*names).iterator(chunk_size=CHUNK):
        yield {name: _plain(value) for name, value in zip(names, values, strict=True)}


def _user_rows(scope: Scope) -> Iterator[dict[str, Any]]:
    if scope.whole:
        yield from _rows(scope.users())
        return
    for row in scope.users().values(*USER_FIELDS_SHARED, "last_workspace_id").iterator(CHUNK):
        # Where they were last working only if it is this workspace: no other is here.
        if row["last_workspace_id"] != scope.workspace:
            row["last_workspace_id"] = None
        yield {name: _plain(value) for name, value in row.items()}


def backup_write(*, out: IO[bytes], workspace: Workspace | None = None) -> int:
    """Write the backup to `out`; the number of rows written."""
    rows = 0
    for line in backup_lines(workspace=workspace):
        out.write(line)
        rows += 1
    return rows - 2


# ------------------------------------------------------------------------------ restore


class Refused(Exception):
    """The backup cannot be restored: the message says why; nothing was changed."""


@dataclass
class Restored:
    """What a restore made."""

    scope: str = ""
    passwords: bool = False
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    workspaces: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, head

    def summary(self) -> str:
        return _(
            "Restored: %(workspaces)d workspace(s), %(people)d account(s), "
            "%(revisions)d log revision(s), %(rows)d rows in all."
        ) % {
            "workspaces": len(self.workspaces),
            "people": self.counts.get(USERS, 0),
            "revisions": self.counts.get("log.interactionrevision", 0),
            "rows": self.rows,
        }


def install_is_empty() -> bool:
    return not (User._base_manager.exists() or Workspace._base_manager.exists())


def _opened(stream: IO[bytes]) -> IO[bytes]:
    """The backup's bytes: gzip-compressed backups are read through gzip, line by line."""
    peek = stream.read(2)
    rest: IO[bytes] = io.BufferedReader(_Prefixed(peek, stream))
    if peek == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=rest)  # type: ignore[return-value]
    return rest


class _Prefixed(io.RawIOBase):
    """`stream` with `head` (already read from it) put back in front."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _numbered_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    number = 0
    while True:
        try:
            line = stream.readline(MAX_LINE + 1)
        except (OSError, EOFError, gzip.BadGzipFile):
            raise Refused(_("The compressed backup is damaged or cut short.")) from None
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE:
            raise Refused(_("Line %(line)d is far too long to be a row of a backup.") % _at(number))
        yield number, line


def _at(number: int) -> dict[str, int]:
    return {"line": number}


def _decode(number: int, line: bytes) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        value = None
    if not isinstance(value, dict):
        raise Refused(_("Line %(line)d is not a row of a backup.") % _at(number))
    return value


def _header(number: int, line: bytes | None) -> dict[str, Any]:
    if line is None:
        raise Refused(_("The file is empty."))
    try:
        header = json.loads(line)
    except (UnicodeDecodeError, ValueError):
        header = None
    if not isinstance(header, dict) or "allies_backup" not in header:
        raise Refused(
            _("This is not an Allies backup (an export of the log is checked with `verify`).")
        )
    if header["allies_backup"] != FORMAT:
        raise Refused(
            _("This backup is in format %(format)s; this version of Allies reads format %(ours)s.")
            % {"format": header["allies_backup"], "ours": FORMAT}
        )
    if header.get("scope") not in ("workspace", "install"):
        raise Refused(_("The backup's first line does not say what it holds."))
    return header


def restore(stream: IO[bytes]) -> Restored:
    """Restore a backup into this install, which must hold no people and no workspaces.

    All or nothing: in one transaction, every row is inserted as it was (ids included),
    then the file's closing seal and each workspace's log chain are checked; any problem
    raises Refused and the transaction is rolled back.
    """
    lines = _numbered_lines(_opened(stream))
    first = next(lines, None)
    header = _header(1, first[1] if first else None)
    done = Restored(scope=header["scope"], passwords=bool(header.get("passwords")))
    allowed = _allowed(done.scope)
    with transaction.atomic():
        if not install_is_empty():
            raise Refused(
                _(
                    "This install already has people or workspaces in it: a backup is "
                    "restored into an empty install (a new data directory or database)."
                )
            )
        seal = hashlib.sha256(first[1] if first else b"")
        try:
            ended = _insert_all(lines, allowed, seal, done)
            _check_constraints()
        except (IntegrityError, DataError, OverflowError, ValueError):
            raise Refused(
                _(
                    "The backup's rows do not fit together (the same one twice, or one "
                    "pointing to a row that is not there): it was changed after it was made."
                )
            ) from None
        if ended is None:
            raise Refused(_("The backup is cut short: its closing line is missing."))
        # The log's own check first: where a revision was altered, it names the revision.
        problem = _check_chains(done)
        if problem:
            raise Refused(problem)
        if ended != {"rows": done.rows, "sha256": seal.hexdigest()}:
            raise Refused(
                _("The backup was changed after it was made: its seal does not match it.")
            )
        _reset_sequences(done)
    return done


def _allowed(scope: str) -> dict[str, type[models.Model]]:
    labels = [label for label, _lookup in WORKSPACE_TABLES] + [USERS]
    if scope == "install":
        labels += PERSONAL_TABLES
    return {label: table(label) for label in labels}


def _insert_all(
    lines: Iterator[tuple[int, bytes]],
    allowed: dict[str, type[models.Model]],
    seal: Any,
    done: Restored,
) -> dict[str, Any] | None:
    """Insert every row, a table's rows at a time; the closing line's facts, or None."""
    pending: list[models.Model] = []
    current: type[models.Model] | None = None
    for number, line in lines:
        value = _decode(number, line)
        if "end" in value:
            _flush(current, pending)
            if next(lines, None) is not None:
                raise Refused(
                    _("Line %(line)d: there is more after the closing line.") % _at(number + 1)
                )
            ended: dict[str, Any] = value["end"]
            return ended
        seal.update(line)
        model = allowed.get(value.get("model", ""))
        row = value.get("row")
        if model is None or not isinstance(row, dict):
            raise Refused(_("Line %(line)d is not a row of a backup.") % _at(number))
        if model is not current:
            _flush(current, pending)
            current = model
        pending.append(_instance(number, model, row, done))
        done.rows += 1
        done.counts[model._meta.label_lower] = done.counts.get(model._meta.label_lower, 0) + 1
        if len(pending) >= CHUNK:
            _flush(current, pending)
    _flush(current, pending)
    return None


def _instance(
    number: int, model: type[models.Model], row: dict[str, Any], done: Restored
) -> models.Model:
    columns = {column.attname: column for column in model._meta.concrete_fields}
    unknown = set(row) - set(columns)
    if unknown:
        raise Refused(
            _("Line %(line)d names columns this version does not have: %(columns)s.")
            % {"line": number, "columns": ", ".join(sorted(unknown))}
        )
    values: dict[str, Any] = {}
    try:
        for name, value in row.items():
            column = columns[name]
            target = column.target_field if column.is_relation else column  # type: ignore[attr-defined]
            values[name] = None if value is None else target.to_python(value)
    except Exception:  # noqa: BLE001  # any column's own parser: the row is bad, whatever it raised
        raise Refused(
            _("Line %(line)d has a value its column cannot hold.") % _at(number)
        ) from None
    if model is User and not done.passwords:
        values["password"] = ""  # none: they choose one with "Forgot your password?"
    if model is Workspace:
        done.workspaces.append((values["id"], values.get("name", ""), ""))
    return model(**values)


def _flush(model: type[models.Model] | None, pending: list[models.Model]) -> None:
    """Insert `pending` as the rows they are: `raw`, as `loaddata` does, so nothing is
    filled in on the way (auto_now dates keep their value)."""
    if model is None or not pending:
        return
    columns = list(model._meta.concrete_fields)
    size = connection.ops.bulk_batch_size(columns, pending) or len(pending)
    for start in range(0, len(pending), size):
        batch = pending[start : start + size]
        model._base_manager._insert(batch, fields=columns, raw=True)  # type: ignore[attr-defined]
    pending.clear()


def _check_constraints() -> None:
    """Check now what the databases check only at commit (foreign keys are deferred), so
    that a violation is a refusal, not a failed commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.check_constraints()


def _check_chains(done: Restored) -> str:
    """Each restored workspace's log checked as `allies verify` does; the first problem."""
    for index, (pk, name, _head) in enumerate(done.workspaces):
        found = chain_verify(Workspace(pk=pk))
        if not found.ok:
            return _("Workspace %(id)s (%(name)s): %(problem)s") % {
                "id": pk,
                "name": name,
                "problem": found.message(),
            }
        done.workspaces[index] = (pk, name, found.head)
    return ""


def _reset_sequences(done: Restored) -> None:
    """PostgreSQL: the id sequences carry on after the ids restored."""
    restored = [table(label) for label in done.counts]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), restored):
            cursor.execute(statement)
