"""Everything the tests share except fixtures: `from tests.support import ...`.

The fixtures (the personas alice, erin, vera, oscar and the things they own) live in the
root conftest.py; the `smtp` and `no_smtp` fixtures come from the plugin tests.support.smtp,
which the root conftest loads. Here are the plain helpers:

- factories: make_user, make_workspace, make_student, make_member, make_entry,
  seed_entries, spanish, client_for, PASSWORD, NEW_PASSWORD;
- expectations: what each persona gets from a view (READ, WRITE, OWN_READ, ...),
  ROLES, LOGIN and assert_outcome;
- pages: reading a response (page_of, messages_of, field_error, textarea, ...),
  escaping checks (PAYLOAD, ESCAPED, assert_escaped) and query counts;
- forms: POST data for the entry, student, team member and compose forms.
"""

from tests.support.expectations import (
    ANON_ONLY,
    ANYONE,
    LOGIN,
    OWN_READ,
    OWN_WRITE,
    OWN_WRITE_FORM,
    OWNER_ONLY,
    POST_ONLY,
    READ,
    ROLES,
    WRITE,
    WRITE_FORM,
    assert_outcome,
)
from tests.support.factories import (
    NEW_PASSWORD,
    PASSWORD,
    client_for,
    make_entry,
    make_member,
    make_student,
    make_user,
    make_workspace,
    seed_entries,
    spanish,
)
from tests.support.forms import (
    COMPOSE,
    compose_data,
    entry_data,
    entry_data_from,
    local_input,
    member_data,
    minute,
    student_data,
)
from tests.support.pages import (
    ESCAPED,
    PAYLOAD,
    assert_escaped,
    assert_same_queries,
    between,
    field_error,
    input_value,
    messages_of,
    page_of,
    queries_for,
    textarea,
)

__all__ = [
    "ANON_ONLY",
    "COMPOSE",
    "ANYONE",
    "ESCAPED",
    "LOGIN",
    "NEW_PASSWORD",
    "OWNER_ONLY",
    "OWN_READ",
    "OWN_WRITE",
    "OWN_WRITE_FORM",
    "PASSWORD",
    "PAYLOAD",
    "POST_ONLY",
    "READ",
    "ROLES",
    "WRITE",
    "WRITE_FORM",
    "assert_escaped",
    "assert_outcome",
    "assert_same_queries",
    "between",
    "client_for",
    "compose_data",
    "entry_data",
    "entry_data_from",
    "field_error",
    "input_value",
    "local_input",
    "make_entry",
    "make_member",
    "make_student",
    "make_user",
    "make_workspace",
    "member_data",
    "messages_of",
    "minute",
    "page_of",
    "queries_for",
    "seed_entries",
    "spanish",
    "student_data",
    "textarea",
]
