"""The workspace's own message templates: the list, editing one, resetting it, and the
drafts that then start from it.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest

from allies.toolkit.defaults import KINDS, default_template
from allies.toolkit.models import MessageTemplate
from tests.support import (
    COMPOSE,
    PAYLOAD,
    assert_escaped,
    assert_same_queries,
    client_for,
    field_error,
    input_value,
    make_member,
    messages_of,
    page_of,
    queries_for,
    textarea,
)

OURS = {
    "subject": "A quick thank-you about {student}",
    "body": "Dear {recipients},\n\nThanks from our side for {student}.\n\n{my_name}",
}


def test_a_saved_template_is_used_by_the_next_draft(alice: Any, lee: Any, maya: Any) -> None:
    client = client_for(alice)
    response = client.post("/toolkit/templates/appreciation/en/", OURS, follow=True)
    assert response.redirect_chain == [("/toolkit/templates/", 302)]
    assert "Saved. New drafts use your wording." in messages_of(response)
    saved = MessageTemplate.objects.get()
    assert (saved.kind, saved.language, saved.updated_by) == ("appreciation", "en", alice)
    draft = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert draft.initial["subject"] == "A quick thank-you about Maya R."
    assert draft.initial["body"] == "Dear Ms. Lee,\n\nThanks from our side for Maya R.\n\nAlice"
    # Only English changed: the Spanish draft is still ours.
    es = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk, "language": "es"})
    assert es.context["form"].initial["subject"] == "Gracias por su apoyo a Maya R."


def test_the_template_list_marks_the_customised_ones(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    page = page_of(client.get("/toolkit/templates/"))
    assert page.count("(yours)") == 1
    assert page.count("(default)") == len(KINDS) * 2 - 1
    for kind in KINDS:
        for language in ("en", "es"):
            assert f'href="/toolkit/templates/{kind.key}/{language}/"' in page


def test_viewers_see_the_template_list_without_edit_links(vera: Any) -> None:
    page = page_of(client_for(vera).get("/toolkit/templates/"))
    assert "/toolkit/templates/appreciation/en/" not in page


def test_the_edit_form_starts_from_the_current_wording(alice: Any, workspace: Any) -> None:
    client = client_for(alice)
    page = page_of(client.get("/toolkit/templates/check_in/es/"))
    assert input_value(page, "subject") == default_template("check_in", "es")["subject"]
    assert textarea(page) == default_template("check_in", "es")["body"]
    assert "Reset to the default wording" not in page
    client.post("/toolkit/templates/check_in/es/", OURS)
    page = page_of(client.get("/toolkit/templates/check_in/es/"))
    assert input_value(page, "subject") == OURS["subject"]
    assert "Reset to the default wording" in page


@pytest.mark.parametrize("field", ["subject", "body"])
def test_an_unknown_placeholder_is_refused_by_name(alice: Any, workspace: Any, field: str) -> None:
    data = {**OURS, field: OURS[field] + " {studnet}"}
    response = client_for(alice).post("/toolkit/templates/appreciation/en/", data)
    assert response.status_code == 400
    error = field_error(response, field)
    assert "{studnet}" in error
    assert "{student}" in error  # and it says what it can fill in
    page = page_of(response)
    kept = input_value(page, "subject") if field == "subject" else textarea(page)
    assert kept == data[field]
    assert not MessageTemplate.objects.exists()


def test_another_kind_s_placeholder_is_refused_and_only_the_kind_s_are_offered(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    page = page_of(client.get("/toolkit/templates/appreciation/en/"))
    assert "<code>{student}</code>" in page
    assert "<code>{decisions}</code>" not in page and "<code>{victories}</code>" not in page
    data = {**OURS, "body": OURS["body"] + "\n{decisions}"}  # a follow-up's, not a thank-you's
    response = client.post("/toolkit/templates/appreciation/en/", data)
    assert response.status_code == 400
    error = field_error(response, "body")
    assert "{decisions} is not something Allies can fill in for this kind" in error
    assert "{month}" not in error
    assert not MessageTemplate.objects.exists()
    follow_up = page_of(client.get("/toolkit/templates/meeting_follow_up/en/"))
    assert "<code>{decisions}</code>" in follow_up and "<code>{action_items}</code>" in follow_up


def test_a_follow_up_wording_without_the_summary_says_what_drafts_will_miss(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    url = "/toolkit/templates/meeting_follow_up/en/"
    assert 'id="leaves-out"' not in page_of(client.get(url))  # ours has both
    data = {"subject": "After {meeting}", "body": "Hi {recipients},\n\n{decisions}\n\n{my_name}"}
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]  # saved, and back to say so
    assert "Saved. New drafts use your wording." in messages_of(response)
    page = page_of(response)
    assert (
        "This wording leaves out {action_items}: follow-ups drafted from it will not list it."
        in page
    )
    assert MessageTemplate.objects.get().body == data["body"]


def test_a_template_saved_by_someone_else_meanwhile_is_kept(alice: Any, workspace: Any) -> None:
    """Two people open the same default template; the second save must not fail with a
    500 on the unique constraint, and must not overwrite the first."""
    theirs = MessageTemplate.objects.create(
        workspace=workspace, kind="appreciation", language="en", subject="Erin's", body="E."
    )
    # Alice's request still sees no row for this template, as it did when she opened it.
    with mock.patch("django.db.models.query.QuerySet.first", return_value=None):
        response = client_for(alice).post("/toolkit/templates/appreciation/en/", OURS)
    assert response.status_code == 400
    assert "Someone else saved this template just now." in page_of(response)
    assert input_value(page_of(response), "subject") == OURS["subject"]
    assert list(MessageTemplate.objects.values_list("pk", "subject")) == [(theirs.pk, "Erin's")]


@pytest.mark.parametrize(
    ("field", "value"),
    [("subject", "s" * 201), ("body", "b" * 8001), ("subject", ""), ("body", "")],
)
def test_a_template_too_long_or_empty_is_refused(
    alice: Any, workspace: Any, field: str, value: str
) -> None:
    response = client_for(alice).post("/toolkit/templates/appreciation/en/", {**OURS, field: value})
    assert response.status_code == 400
    assert field_error(response, field)
    assert not MessageTemplate.objects.exists()


def test_reset_goes_back_to_the_default(alice: Any, workspace: Any, lee: Any) -> None:
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    response = client.post("/toolkit/templates/appreciation/en/reset/", follow=True)
    assert response.redirect_chain == [("/toolkit/templates/", 302)]
    assert "Back to the default wording." in messages_of(response)
    assert not MessageTemplate.objects.exists()
    draft = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert draft.initial["subject"] == "Thank you for your support of our child"
    # Resetting a template that is not customised is harmless.
    again = client.post("/toolkit/templates/appreciation/en/reset/")
    assert again.status_code == 302


def test_another_workspace_s_templates_are_its_own(
    alice: Any, oscar: Any, oscars: dict[str, Any], lee: Any
) -> None:
    client_for(oscar).post(
        "/toolkit/templates/appreciation/en/", {"subject": "Oscar's {student}", "body": "Yo."}
    )
    client = client_for(alice)
    client.post("/toolkit/templates/appreciation/en/", OURS)
    client.post("/toolkit/templates/appreciation/en/reset/")
    assert MessageTemplate.objects.get().workspace == oscars["workspace"]
    mine = client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}).context["form"]
    assert mine.initial["subject"] == "Thank you for your support of our child"
    theirs = client_for(oscar).get(COMPOSE, {"kind": "appreciation"}).context["form"]
    assert theirs.initial["subject"] == "Oscar's Otto"


@pytest.mark.parametrize(
    "url",
    [
        "/toolkit/templates/nope/en/",
        "/toolkit/templates/appreciation/fr/",
        "/toolkit/templates/appreciation/EN/",
        "/toolkit/templates/nope/en/reset/",
        "/toolkit/templates/appreciation/xx/reset/",
    ],
)
def test_an_unknown_kind_or_language_is_404(alice: Any, workspace: Any, url: str) -> None:
    client = client_for(alice)
    if not url.endswith("reset/"):
        assert client.get(url).status_code == 404
    assert client.post(url, OURS).status_code == 404
    assert not MessageTemplate.objects.exists()


def test_a_template_s_user_text_is_escaped(alice: Any, lee: Any) -> None:
    client = client_for(alice)
    data = {"subject": PAYLOAD, "body": PAYLOAD}
    assert client.post("/toolkit/templates/appreciation/en/", data).status_code == 302
    assert_escaped(client.get("/toolkit/templates/appreciation/en/"))
    assert_escaped(client.get(COMPOSE, {"kind": "appreciation", "member": lee.pk}))


def test_the_template_list_runs_the_same_queries_with_or_without_own_templates(
    alice: Any, workspace: Any
) -> None:
    client = client_for(alice)
    for i in range(2):
        make_member(workspace, f"Person {i}")
    small = queries_for(client, "/toolkit/templates/")
    for i in range(2, 40):
        make_member(workspace, f"Person {i}")
    for kind in KINDS:
        for language in ("en", "es"):
            MessageTemplate.objects.create(
                workspace=workspace, kind=kind.key, language=language, subject="S", body="B"
            )
    large = queries_for(client, "/toolkit/templates/")
    assert_same_queries("The template list", small, large)
