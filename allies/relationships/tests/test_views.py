"""The relationships page and the weekly focus buttons, through the views.

Everything here runs against the real clock (the views ask for `timezone.localdate()`),
so entries are logged at noon a whole number of days before today: whatever the time of
day or a daylight-saving change, "N days ago" is N days ago in the local calendar.
"""

from __future__ import annotations

import datetime
import html
import re
from typing import Any

import pytest
from django.utils import timezone

from allies.log.models import Direction, Interaction, Participation, Purpose
from allies.relationships.focus import current_focus, week_of
from allies.relationships.models import Rule, WeeklyFocus
from allies.students.models import Student
from allies.team.models import TeamMember
from tests.support import (
    ESCAPED,
    OWN_READ,
    PAYLOAD,
    WRITE,
    added_days_ago,
    assert_charts,
    assert_escaped,
    assert_outcome,
    assert_same_queries,
    between,
    chart_parts,
    client_for,
    log_days_ago,
    make_member,
    make_student,
    make_user,
    make_workspace,
    messages_of,
    queries_for,
)

FOCUS_ACTIONS = ["accept", "another", "done"]

APPRECIATION = int(Purpose.APPRECIATION)
VICTORY = int(Purpose.VICTORY)
CONCERN = int(Purpose.CONCERN)
CHECK_IN = int(Purpose.CHECK_IN)
DAY = datetime.timedelta(days=1)


def table_names(page: str) -> list[str]:
    """Names in the order of the rows of "Everyone on the team"."""
    table = between(page, '<table class="health-table"', "</table>")
    return [
        html.unescape(n)
        for n in re.findall(r'<th scope="row"><a href="/team/\d+/">(.*?)</a>', table)
    ]


def table_rows(page: str) -> dict[str, str]:
    """Each row of "Everyone on the team", by the member's name."""
    table = between(page, '<table class="health-table"', "</table>")
    rows = re.findall(r"<tr>\s*(<th scope=\"row\">.*?)</tr>", table, re.S)
    named = {}
    for row in rows:
        name = re.search(r'<a href="/team/\d+/">(.*?)</a>', row)
        assert name
        named[html.unescape(name.group(1))] = " ".join(row.split())
    return named


def losing_touch_names(page: str) -> list[str]:
    section = between(page, 'id="losing-title"', "</section>")
    return [html.unescape(n) for n in re.findall(r'<li>\s*<a href="/team/\d+/">(.*?)</a>', section)]


# --- Permissions ---------------------------------------------------------------------


@pytest.fixture
def team(workspace: Any, member: Any) -> list[Any]:
    """Two people, nobody contacted yet: two "appreciate" suggestions to choose from."""
    return [member, make_member(workspace, "Mr. Okafor")]


@pytest.fixture
def focus(workspace: Any, team: list[Any]) -> WeeklyFocus:
    chosen = current_focus(workspace)
    assert chosen is not None
    return chosen


@pytest.mark.parametrize(("role", "expected"), OWN_READ.items())
def test_the_relationships_page_shows_the_current_workspace_only(
    personas: dict[str, Any], member: Any, oscar: Any, role: str, expected: Any
) -> None:
    make_member(oscar.memberships.get().workspace, "Mr. Other")
    response = client_for(personas[role]).get("/relationships/")
    assert_outcome(response, expected)
    if expected == 200:
        page = response.content.decode()
        mine, theirs = ("Mr. Other", "Ms. Lee") if role == "outsider" else ("Ms. Lee", "Mr. Other")
        assert mine in table_names(page)
        assert theirs not in page


@pytest.mark.parametrize(("role", "writes"), [("owner", True), ("editor", True), ("viewer", False)])
def test_only_writers_are_offered_to_log_a_check_in_from_the_relationships_page(
    personas: dict[str, Any], member: Any, role: str, writes: bool
) -> None:
    added_days_ago(member, 30)  # overdue: in "Losing touch"
    page = client_for(personas[role]).get("/relationships/").content.decode()
    assert "Ms. Lee" in losing_touch_names(page)
    assert (f'href="/log/new/?member={member.pk}&amp;purpose=32"' in page) is writes


@pytest.mark.parametrize("action", FOCUS_ACTIONS)
@pytest.mark.parametrize(("role", "expected"), WRITE.items())
def test_only_owners_and_editors_can_act_on_the_focus(
    personas: dict[str, Any], focus: WeeklyFocus, action: str, role: str, expected: Any
) -> None:
    before = WeeklyFocus.objects.get(pk=focus.pk)
    response = client_for(personas[role]).post(f"/focus/{focus.pk}/{action}/")
    assert_outcome(response, expected)
    after = WeeklyFocus.objects.get(pk=focus.pk)
    if expected == 302:
        assert response["Location"] == "/"
        changed = {
            "accept": after.state == WeeklyFocus.State.ACCEPTED and after.accepted_at is not None,
            "another": after.key != before.key,
            "done": after.state == WeeklyFocus.State.DONE and after.done_by == personas[role],
        }[action]
        assert changed, (action, after.state, after.key)
    else:
        assert (after.state, after.key, after.accepted_at, after.done_at) == (
            before.state,
            before.key,
            None,
            None,
        )


@pytest.mark.parametrize("action", FOCUS_ACTIONS)
def test_the_focus_buttons_only_accept_a_post(alice: Any, focus: WeeklyFocus, action: str) -> None:
    assert client_for(alice).get(f"/focus/{focus.pk}/{action}/").status_code == 405
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.SUGGESTED


@pytest.mark.parametrize("action", FOCUS_ACTIONS)
def test_an_unknown_focus_is_not_found(alice: Any, focus: WeeklyFocus, action: str) -> None:
    assert client_for(alice).post(f"/focus/987654321/{action}/").status_code == 404


@pytest.mark.parametrize("action", FOCUS_ACTIONS)
def test_outsiders_cannot_act_on_a_focus_even_if_they_write_in_their_own_workspace(
    alice: Any, oscar: Any, focus: WeeklyFocus, action: str
) -> None:
    # Oscar is the owner of his own workspace: the 404 is about whose focus it is.
    theirs = oscar.memberships.get().workspace
    make_member(theirs, "Mr. Other")
    assert current_focus(theirs) is not None
    assert client_for(oscar).post(f"/focus/{focus.pk}/{action}/").status_code == 404
    assert client_for(oscar).get("/").context["focus"].workspace == theirs


# --- The relationships page ----------------------------------------------------------


FULL_NAMES = {
    "ana": "Ana Ortiz",
    "ben": "Ben Park",
    "cy": "Cy Dunn",
    "dee": "Dee Moss",
    "eve": "Eve Stone",
}


def names(*short: str) -> list[str]:
    return [FULL_NAMES[s] for s in short]


def test_each_row_says_its_status_in_words(alice: Any, five: dict[str, Any]) -> None:
    rows = table_rows(client_for(alice).get("/relationships/").content.decode())
    expected = {
        "Ana Ortiz": ("on_track", "On track"),
        "Ben Park": ("due", "Due"),
        "Cy Dunn": ("overdue", "Overdue"),
        "Dee Moss": ("new", "No contact yet"),  # never contacted: not "on track"
        "Eve Stone": ("due", "Due"),
    }
    assert set(rows) == set(expected)
    for name, (css, word) in expected.items():
        # The colour class always comes with the word: never colour alone.
        assert f'<span class="status status-{css}">{word}</span>' in rows[name], name


def test_each_row_shows_its_figures_as_text(alice: Any, five: dict[str, Any]) -> None:
    rows = table_rows(client_for(alice).get("/relationships/").content.decode())
    ana, ben, cy, dee, eve = (rows[n] for n in names("ana", "ben", "cy", "dee", "eve"))
    assert "4 positive · 1 concern" in ana
    assert "they 3 · you 2" in ana
    assert "1 past due" in ana
    assert "2 days ago" in ana
    assert "0 positive · 1 concern" in ben
    assert "they 0 · you 1" in ben
    assert "1 due this week" in ben
    assert "2 positive · 0 concerns" in cy
    assert "they 2 · you 0" in cy
    assert "40 days ago" in cy
    assert "No contact logged yet" in dee
    assert "0 positive · 0 concerns" in eve
    assert "they 0 · you 0" in eve


def test_the_rollup_counts_everyone(alice: Any, five: dict[str, Any]) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    rollup = " ".join(between(page, '<p class="rollup">', "</p>").split())
    assert "5 team members:" in rollup
    assert "2 on track" in rollup
    assert "2 due" in rollup
    assert "1 overdue" in rollup
    # Ana's 4 and Cy's 2 positive entries (Cy's are in the 90 days); Ana's and Ben's concern.
    assert "6 positive · 2 concerns" in rollup


SORTED = {
    # (status rank, lateness against the cadence, name): overdue, then due, then on track.
    "status": ("cy", "eve", "ben", "ana", "dee"),
    "name": ("ana", "ben", "cy", "dee", "eve"),
    # Longest silence first; never contacted before everyone.
    "last": ("dee", "cy", "ben", "eve", "ana"),
    # Share of positive entries, none counted first (then by name).
    "positive": ("dee", "eve", "ben", "ana", "cy"),
    # They started minus you started: the most one-sided on your side first.
    "reciprocity": ("ben", "dee", "eve", "ana", "cy"),
    # Past due first, then due this week, then by name.
    "follow_ups": ("ana", "ben", "cy", "dee", "eve"),
}


@pytest.mark.parametrize("key", SORTED)
def test_sorting_by_each_column_and_in_reverse(alice: Any, five: dict[str, Any], key: str) -> None:
    client = client_for(alice)
    response = client.get(f"/relationships/?sort={key}")
    assert table_names(response.content.decode()) == names(*SORTED[key])
    assert response.context["sort"] == key
    current = [h for h in response.context["headers"] if h["current"]]
    assert [(h["key"], h["aria_sort"], h["order"]) for h in current] == [(key, "ascending", "desc")]
    backwards = client.get(f"/relationships/?sort={key}&order=desc")
    assert table_names(backwards.content.decode()) == names(*reversed(SORTED[key]))
    page = backwards.content.decode()
    assert 'aria-sort="descending"' in page
    # The link on the current column turns the order back.
    assert f'href="?sort={key}&amp;order=asc"' in page


def test_the_default_order_is_by_status(alice: Any, five: dict[str, Any]) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    assert table_names(page) == names(*SORTED["status"])


@pytest.mark.parametrize(
    "query",
    [
        "?sort=bogus",
        "?sort=",
        "?sort=__class__",
        "?sort=status&order=sideways",
        "?sort=%00",
        "?sort=name&sort=bogus",
        "?order=asc",
    ],
)
def test_a_sort_that_makes_no_sense_falls_back_to_status(
    alice: Any, five: dict[str, Any], query: str
) -> None:
    response = client_for(alice).get(f"/relationships/{query}")
    assert response.status_code == 200
    assert table_names(response.content.decode()) == names(*SORTED["status"])
    assert response.context["sort"] == "status"


def test_losing_touch_lists_the_latest_against_their_rhythm_first(
    alice: Any, five: dict[str, Any]
) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    # Cy 40/14, Eve 12/7, Ben 20/14; Ana and Dee are on track.
    assert losing_touch_names(page) == names("cy", "eve", "ben")
    section = between(page, 'id="losing-title"', "</section>")
    assert "40 days since the last contact" in section
    assert "every 7 days" in section


def test_losing_touch_shows_at_most_five(alice: Any, workspace: Any) -> None:
    for i, cadence in enumerate([10, 11, 12, 13, 14, 15, 16]):
        member = make_member(workspace, f"Person {i}", cadence_days=cadence)
        added_days_ago(member, 30)
    page = client_for(alice).get("/relationships/").content.decode()
    # 30 days quiet against a shorter rhythm is later: the shortest rhythms come first.
    assert losing_touch_names(page) == [f"Person {i}" for i in range(5)]
    assert "No contact logged since they were added 30 days ago" in page
    assert len(table_names(page)) == 7


def test_a_team_on_track_is_not_losing_touch(alice: Any, member: Any) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    assert losing_touch_names(page) == []
    assert "Everyone is within their check-in rhythm." in page


def test_an_empty_team_gets_a_way_to_add_people(alice: Any, workspace: Any) -> None:
    response = client_for(alice).get("/relationships/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No one on the team yet" in page
    assert 'href="/team/new/"' in page


def test_the_whole_team_charts_have_a_title_a_summary_and_the_numbers(
    alice: Any, five: dict[str, Any]
) -> None:
    page = client_for(alice).get("/relationships/").content.decode()
    contacts, tone = assert_charts(page)
    assert "Contacts per month" in contacts
    # Nine entries in the last 12 months (all within 45 days).
    assert "9 contacts in the last 12 months" in contacts
    assert "Last 12 months: 6 positive · 2 concerns." in tone
    # Each bar says its value in words, and concerns are hatched as well as coloured.
    assert re.search(
        r"<rect [^>]*class=\"bar-contacts\"[^>]*><title>[^<]+ Contacts \d+</title>", contacts
    )
    assert 'fill="url(#ws-tone-hatch)"' in tone


def test_names_are_escaped_in_the_table_the_list_and_the_charts(alice: Any, workspace: Any) -> None:
    odd = make_member(workspace, PAYLOAD)
    added_days_ago(odd, 40)  # overdue: in "Losing touch" as well as the table
    log_days_ago(
        workspace, alice, [odd], 30, summary=PAYLOAD, follow_up_due=timezone.localdate() - DAY
    )
    client = client_for(alice)
    response = client.get("/relationships/")
    assert_escaped(response)
    page = response.content.decode()
    assert ESCAPED in between(page, '<table class="health-table"', "</table>")
    assert ESCAPED in between(page, 'id="losing-title"', "</section>")
    assert table_names(page) == [PAYLOAD]
    for figure in chart_parts(page):
        assert "<script" not in figure
    member_page = client.get(f"/team/{odd.pk}/")
    assert_escaped(member_page)
    for figure in chart_parts(member_page.content.decode()):
        assert "<script" not in figure and "<img" not in figure
    # The focus (a follow-up with them, past due) quotes the name and the summary.
    home = client.get("/")
    assert home.context["focus"].rule == Rule.FOLLOW_UP
    assert_escaped(home)


# --- The weekly focus ----------------------------------------------------------------


def test_home_shows_the_focus_and_its_context(alice: Any, focus: WeeklyFocus) -> None:
    response = client_for(alice).get("/")
    for key in ("focus", "focus_text", "streak", "due", "contacts"):
        assert key in response.context, key
    assert response.context["focus"] == focus
    page = response.content.decode()
    card = between(page, 'id="weekly-focus"', "</section>")
    assert response.context["focus_text"].title in card
    assert "I&#x27;ll do it" in card or "I'll do it" in card
    assert f'action="/focus/{focus.pk}/accept/"' in card
    assert "Streak: none yet." in card


def test_a_viewer_sees_the_focus_but_no_buttons(vera: Any, focus: WeeklyFocus) -> None:
    page = client_for(vera).get("/").content.decode()
    card = between(page, 'id="weekly-focus"', "</section>")
    assert "This week&#x27;s focus" in card or "This week's focus" in card
    assert "/focus/" not in card


def test_accepting_the_focus_shows_it_accepted(alice: Any, focus: WeeklyFocus) -> None:
    client = client_for(alice)
    response = client.post(f"/focus/{focus.pk}/accept/", {"next": "/"}, follow=True)
    assert "You have taken on this week's focus." in " ".join(messages_of(response))
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.ACCEPTED
    card = between(response.content.decode(), 'id="weekly-focus"', "</section>")
    assert '<span class="status">Accepted</span>' in card
    assert f"/focus/{focus.pk}/accept/" not in card  # nothing left to accept
    assert f"/focus/{focus.pk}/done/" in card


def test_another_suggestion_replaces_the_focus(
    alice: Any, focus: WeeklyFocus, team: list[Any]
) -> None:
    client = client_for(alice)
    first = client.get("/").context["focus_text"].title
    client.post(f"/focus/{focus.pk}/another/")
    after = client.get("/")
    assert after.context["focus"].pk == focus.pk  # the same week's focus, a new suggestion
    assert after.context["focus_text"].title != first
    assert {first, after.context["focus_text"].title} == {"Thank Mr. Okafor", "Thank Ms. Lee"}


def test_another_says_so_when_there_is_no_other_suggestion(
    alice: Any, workspace: Any, member: Any
) -> None:
    focus = current_focus(workspace)
    assert focus is not None
    response = client_for(alice).post(f"/focus/{focus.pk}/another/", follow=True)
    assert "There is no other suggestion this week." in messages_of(response)
    after = WeeklyFocus.objects.get(pk=focus.pk)
    assert (after.key, after.state) == (focus.key, focus.state)


def test_another_leaves_a_done_focus_alone(alice: Any, focus: WeeklyFocus) -> None:
    client = client_for(alice)
    client.post(f"/focus/{focus.pk}/done/")
    response = client.post(f"/focus/{focus.pk}/another/", follow=True)
    assert "This week's focus is already done." in messages_of(response)
    after = WeeklyFocus.objects.get(pk=focus.pk)
    assert (after.key, after.state) == (focus.key, WeeklyFocus.State.DONE)


def test_marking_the_focus_done_adds_to_the_streak_on_home(
    alice: Any, workspace: Any, focus: WeeklyFocus
) -> None:
    WeeklyFocus.objects.create(
        workspace=workspace,
        week=week_of(timezone.localdate()) - datetime.timedelta(weeks=1),
        rule=Rule.APPRECIATE,
        key="appreciate:0",
        state=WeeklyFocus.State.DONE,
    )
    client = client_for(alice)
    before = client.get("/")
    assert before.context["streak"] == 1
    assert "Streak: 1 week in a row with the focus done." in before.content.decode()
    response = client.post(f"/focus/{focus.pk}/done/", {"next": "/"}, follow=True)
    assert "Marked done for this week. Well done." in messages_of(response)
    assert response.context["streak"] == 2
    page = response.content.decode()
    assert "Streak: 2 weeks in a row with the focus done." in page
    card = between(page, 'id="weekly-focus"', "</section>")
    assert '<span class="status status-on_track">Done</span>' in card
    assert "/focus/" not in card  # nothing left to do this week
    # Done twice is still one week.
    client.post(f"/focus/{focus.pk}/done/")
    assert client.get("/").context["streak"] == 2


@pytest.mark.parametrize(
    ("next_url", "location"),
    [
        ("/relationships/?sort=name", "/relationships/?sort=name"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("http://evil.example/x", "/"),
        ("javascript:alert(1)", "/"),
        ("https:///evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("", "/"),
    ],
)
@pytest.mark.parametrize("action", FOCUS_ACTIONS)
def test_the_focus_buttons_go_back_only_to_a_page_of_this_site(
    alice: Any, focus: WeeklyFocus, action: str, next_url: str, location: str
) -> None:
    response = client_for(alice).post(f"/focus/{focus.pk}/{action}/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == location


@pytest.mark.parametrize("action", FOCUS_ACTIONS)
def test_the_focus_buttons_on_https_do_not_go_back_over_plain_http(
    alice: Any, focus: WeeklyFocus, action: str
) -> None:
    response = client_for(alice).post(
        f"/focus/{focus.pk}/{action}/", {"next": "http://testserver/relationships/"}, secure=True
    )
    assert response["Location"] == "/"
    same = client_for(alice).post(
        f"/focus/{focus.pk}/{action}/", {"next": "https://testserver/relationships/"}, secure=True
    )
    assert same["Location"] == "https://testserver/relationships/"


def test_accepting_a_done_focus_keeps_it_done(alice: Any, focus: WeeklyFocus) -> None:
    client = client_for(alice)
    client.post(f"/focus/{focus.pk}/done/")
    client.post(f"/focus/{focus.pk}/accept/")
    focus.refresh_from_db()
    assert focus.state == WeeklyFocus.State.DONE
    assert focus.accepted_at is None


# --- Query counts --------------------------------------------------------------------

MEMBERS = 50
SPAN = datetime.timedelta(days=730)
BITS = [int(p) for p in Purpose]
DIRECTIONS = [Direction.SENT, Direction.RECEIVED, Direction.BOTH]
TONES = ["positive", "neutral", "difficult"]
# Measured when written; a page above these has grown a query.
# Home: 14 in the weeks it offers the monthly update (it asks whether the month has
# entries), 13 otherwise; one of them asks whether invitations wait for the reader.
# A member's page: 16 since it counts their action items' follow-through and the
# concerns they are invited to solve, and lists the open ones of each (four queries).
# Relationships narrowed to one child: 9, one more for the choice of children.
# Then one more on each: the page's line in the record of access (an insert).
MAX_QUERIES = {"home": 15, "relationships": 9, "relationships_child": 10, "team_detail": 17}


def build_workspace(label: str, entries: int) -> tuple[Any, list[Any]]:
    """A workspace with 50 team members and `entries` log entries over two years, in bulk.

    Every 7th entry has a follow-up (the older ones past due), every 97th is withdrawn,
    every 3rd is with two people; entry and participation rows carry the same copies the
    log services would write.
    """
    user = make_user(f"{label}@example.com")
    workspace = make_workspace(user, name=f"The {label} family")
    kim = make_student(
        workspace, "Kim", annual_review_due=timezone.localdate() + datetime.timedelta(days=20)
    )
    make_student(workspace, "Lou")
    team = TeamMember.objects.bulk_create(
        TeamMember(
            workspace=workspace,
            name=f"Member {i:02d}",
            role="case_manager" if i == 0 else "general_ed",
            cadence_days=7 + i % 30,
        )
        for i in range(MEMBERS)
    )
    now = timezone.now()
    step = SPAN / entries
    rows = []
    for i in range(entries):
        when = now - datetime.timedelta(hours=1) - step * i
        rows.append(
            Interaction(
                workspace=workspace,
                author=user,
                occurred_at=when,
                channel="email",
                direction=DIRECTIONS[i % 3],
                purposes=BITS[i % len(BITS)] | (CONCERN if i % 5 == 0 else 0),
                tone=TONES[i % 3],
                summary=f"Entry {i} about reading at home.",
                student=kim if i % 2 else None,
                follow_up_due=(
                    timezone.localtime(when).date() + datetime.timedelta(days=7)
                    if i % 7 == 0
                    else None
                ),
                withdrawn_at=now if i % 97 == 3 else None,
                withdrawn_reason="Logged twice." if i % 97 == 3 else "",
            )
        )
    rows = Interaction.objects.bulk_create(rows, batch_size=2000)
    Participation.objects.bulk_create(
        (
            Participation(
                interaction=row,
                member=member,
                occurred_at=row.occurred_at,
                withdrawn=row.withdrawn_at is not None,
                purposes=row.purposes,
                direction=row.direction,
            )
            for i, row in enumerate(rows)
            for member in ([team[i % MEMBERS]] + ([team[(i + 17) % MEMBERS]] if i % 3 == 0 else []))
        ),
        batch_size=2000,
    )
    return user, team


def page_queries(user: Any, team: list[Any]) -> dict[str, list[str]]:
    client = client_for(user)
    kim = Student.objects.get(workspace=team[0].workspace_id, name="Kim")
    urls = {
        "home": "/",
        "relationships": "/relationships/",
        "relationships_child": f"/relationships/?student={kim.pk}",
        "team_detail": f"/team/{team[0].pk}/",
    }
    queries = {}
    for page, url in urls.items():
        client.get(url)  # the first home load of a week chooses the focus
        queries[page] = queries_for(client, url)
    return queries


def test_health_pages_run_the_same_queries_at_10_and_10000_entries(db: Any) -> None:
    small = page_queries(*build_workspace("small", 10))
    large_user, large_team = build_workspace("large", 10_000)
    assert Interaction.objects.filter(author=large_user).count() == 10_000
    large = page_queries(large_user, large_team)
    for page in small:
        assert_same_queries(page, small[page], large[page])
        assert len(large[page]) <= MAX_QUERIES[page], (
            f"{page} now runs {len(large[page])} queries (it ran {MAX_QUERIES[page]}):\n"
            + "\n".join(large[page])
        )
    # Both workspaces had a past-due follow-up: the focus and its card came from the same rule.
    rules = set(
        WeeklyFocus.objects.filter(week=week_of(timezone.localdate())).values_list(
            "rule", flat=True
        )
    )
    assert rules == {Rule.FOLLOW_UP}


@pytest.mark.parametrize("action", ["accept", "another", "done"])
def test_an_earlier_week_s_focus_cannot_be_changed(
    alice: Any, workspace: Any, team: list[Any], action: str
) -> None:
    # A page left open since last week must not rewrite last week (and so the streak).
    old = WeeklyFocus.objects.create(
        workspace=workspace,
        week=week_of(timezone.localdate()) - datetime.timedelta(weeks=1),
        rule=Rule.CHECK_IN,
        key=f"check_in:{team[0].pk}",
        member=team[0],
    )
    response = client_for(alice).post(f"/focus/{old.pk}/{action}/", follow=True)
    assert "That was an earlier week" in response.content.decode()
    old.refresh_from_db()
    assert (old.state, old.key) == (WeeklyFocus.State.SUGGESTED, f"check_in:{team[0].pk}")
