"""Searching the log: every plain word must match, whatever the user types around them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

from allies.log.services import interaction_edit
from tests.support import client_for, make_entry

WORKSHEETS = "Thanked Ms. Lee for the reading worksheets."
HOMEWORK = "Asked about the math homework load."
GROUPS = "Reading group moved to Tuesdays; math stays the same."
WHICH_FIRST = "Can she do reading or math first? NOT sure, AND it matters."


@pytest.fixture
def entries(workspace: Any, alice: Any, member: Any) -> dict[str, Any]:
    return {
        s: make_entry(workspace, alice, [member], summary=s)
        for s in (
            WORKSHEETS,
            HOMEWORK,
            GROUPS,
            WHICH_FIRST,
        )
    }


def found(user: Any, q: str) -> set[str]:
    response = client_for(user).get("/log/?" + urlencode({"q": q}))
    assert response.status_code == 200
    return {e.summary for e in response.context["page"].object_list}


def test_search_finds_a_plain_word(alice: Any, entries: Any) -> None:
    assert found(alice, "worksheets") == {WORKSHEETS}


def test_search_ignores_case(alice: Any, entries: Any) -> None:
    assert found(alice, "READING") == {WORKSHEETS, GROUPS, WHICH_FIRST}
    assert found(alice, "tuesdays") == {GROUPS}


def test_search_needs_every_word(alice: Any, entries: Any) -> None:
    assert found(alice, "reading math") == {GROUPS, WHICH_FIRST}
    assert found(alice, "math reading tuesdays") == {GROUPS}


@pytest.mark.parametrize(
    "q",
    [
        '"reading" OR math*',
        "reading OR (math",
        "math: reading^ -or",
        "reading + math OR 'or'",
    ],
)
def test_operators_typed_by_the_user_are_plain_words(alice: Any, entries: Any, q: str) -> None:
    # "or" is taken as a word to find, not as an operator: only one entry says "or".
    assert found(alice, q) == {WHICH_FIRST}


@pytest.mark.parametrize(
    "q", ['"', "'", "*", "()", "-", ":", "^", "NOT", "AND OR", '"unbalanced', "NEAR(a b, 2)"]
)
def test_punctuation_and_lone_operators_never_break_the_search(
    alice: Any, entries: Any, q: str
) -> None:
    results = found(alice, q)
    # Either taken as the words it is, or (no word at all) as no search.
    assert results <= set(entries)


def test_punctuation_inside_a_word_splits_it(alice: Any, entries: Any) -> None:
    assert found(alice, "math-homework") == {HOMEWORK}
    assert found(alice, "Ms. Lee, worksheets!") == {WORKSHEETS}


def test_search_follows_edits_of_the_summary(alice: Any, entries: Any, member: Any) -> None:
    entry = entries[HOMEWORK]
    interaction_edit(
        interaction=entry,
        author=alice,
        participants=[member],
        summary="Asked about the science project.",
    )
    assert found(alice, "homework") == set()
    assert found(alice, "science") == {"Asked about the science project."}


def test_search_stays_inside_the_workspace(alice: Any, oscar: Any, entries: Any) -> None:
    assert found(oscar, "reading") == set()


def test_search_combines_with_the_other_filters(alice: Any, entries: Any) -> None:
    response = client_for(alice).get("/log/?q=reading&withdrawn=on&tone=neutral")
    assert {e.summary for e in response.context["page"].object_list} == {
        WORKSHEETS,
        GROUPS,
        WHICH_FIRST,
    }


@pytest.mark.parametrize(
    ("summary", "q"),
    [
        ("Emailed jlee@lincoln.example about the field trip.", "lincoln"),
        ("Emailed jlee@lincoln.example about the field trip.", "jlee"),
        ("Shared the link https://school.example/iep-guide with Ms. Lee.", "guide"),
        ("Wrote that a<b and c>d in the math notes.", "and c"),
        ("Noted it as a check_in in the notebook.", "check in"),
        ("Noted it as a check_in in the notebook.", "check_in"),
    ],
)
def test_search_splits_words_the_same_way_on_every_database(
    alice: Any, workspace: Any, member: Any, summary: str, q: str
) -> None:
    # PostgreSQL's own parser keeps addresses whole and drops text between < and >;
    # the summary is split into plain words first, as SQLite's FTS5 does.
    make_entry(workspace, alice, [member], summary=summary)
    make_entry(workspace, alice, [member], summary="Nothing to see here.")
    assert found(alice, q) == {summary}


ACCENTED = "El niño leyó con Corazón en la École; está más tranquilo."
PLAIN = "Nino brought the schedule home."


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("nino", {ACCENTED, PLAIN}),  # typed without the accent: both
        ("niño", {ACCENTED, PLAIN}),  # typed with it: the plain one too
        ("NIÑO", {ACCENTED, PLAIN}),
        ("corazon", {ACCENTED}),
        ("ecole tranquilo", {ACCENTED}),
        ("esta mas", {ACCENTED}),
        ("leyo", {ACCENTED}),
    ],
)
def test_accents_fold_the_same_on_either_database(
    workspace: Any, alice: Any, member: Any, q: str, expected: set[str]
) -> None:
    make_entry(workspace, alice, [member], summary=ACCENTED)
    make_entry(workspace, alice, [member], summary=PLAIN)
    make_entry(workspace, alice, [member], summary=HOMEWORK)
    assert found(alice, q) == expected
