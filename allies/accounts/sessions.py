"""Django's database sessions, with the session read compiled once (core.compiled).

Every signed-in request starts by reading its session; building and compiling that
`get()` took several times as long as running it. The statement sent, the table and
everything stored are Django's own (`SESSION_ENGINE` points here), so sessions made
before carry on.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.db.models.query import MAX_GET_RESULTS
from django.utils import timezone

from allies.core.compiled import CompiledRead, Slot


def _session(key: str, now: object) -> QuerySet[Session]:
    # What `Session.objects.get(session_key=key, expire_date__gt=now)` sends.
    return Session.objects.filter(session_key=key, expire_date__gt=now).order_by()[:MAX_GET_RESULTS]


_SESSION = CompiledRead(_session, key=Slot.TEXT, now=Slot.DATETIME)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        if self.session_key is None:
            return super()._get_session_from_db()  # type: ignore[misc,no-any-return]  # not in the stubs
        found = _SESSION.objects(key=self.session_key, now=timezone.now())
        if len(found) == 1:
            session: Session = found[0]
            return session
        # As Django's store does when there is none (or it has expired): a new key next.
        self._session_key = None
        return None
