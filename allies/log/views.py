from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from allies.accounts.http import AuthenticatedHttpRequest
from allies.core import kept, once
from allies.core.forms import model_choice_field
from allies.core.paging import page_of
from allies.core.params import ids_from
from allies.core.redirects import redirect_next
from allies.students.models import Student
from allies.workspaces.access import (
    get_owned,
    get_owner_membership,
    record_as,
    require_current_membership,
)
from allies.workspaces.services import workspace_set_record_line

from .chain import chain_verify
from .forms import CheckpointForm, InteractionForm, LogFilterForm, RecordLineForm, WithdrawForm
from .models import Interaction, Purpose, participants_in_order, with_people
from .queries import filtered_log, find_resubmission, log_count
from .services import (
    EditConflict,
    follow_up_close,
    interaction_edit,
    interaction_record,
    interaction_withdraw,
)


@login_required
def log_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request)
    form = LogFilterForm(request.GET or None, workspace=membership.workspace)
    # A filter that does not make sense is left out (and its error shown); the others apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    entries = filtered_log(membership.workspace, filters)
    page, query = page_of(request, entries, log_count(membership.workspace, filters, entries))
    page.object_list = with_people(page.object_list)
    more_filters = bool(form.errors) or any(v for k, v in filters.items() if k != "q")
    context = {
        "form": form,
        "page": page,
        "membership": membership,
        "query": query,
        "filtered": bool(filters) and any(filters.values()),
        "more_filters": more_filters,
    }
    if request.htmx and request.htmx.target == "log-results":
        return render(request, "log/_results.html", context)
    context["filters_html"] = filters_html(request, membership.workspace_id, form, more_filters)
    return render(request, "log/list.html", context)


def filters_html(
    request: AuthenticatedHttpRequest, workspace_id: int, form: LogFilterForm, more: bool
) -> SafeString:
    """`log/_filters.html`, kept (core.kept) per request parameters (all the form shows
    and checks is in them), team rows (the person filter's options and which ids it
    takes) and the children (the child filter's): it is a GET form, with no token in it."""
    asked = sorted((key, values) for key, values in request.GET.lists() if key != "page")
    name = kept.key("log-filters", workspace_id, form.team_digest, form.students_digest, asked)
    html: SafeString | None = kept.cache().get(name)
    if html is None:
        drawn = render_to_string("log/_filters.html", {"form": form, "more_filters": more})
        html = mark_safe(drawn)  # noqa: S308  # the template's output
        kept.cache().set(name, html, kept.KEPT_FOR)
    return html


def entry_prefill(request: AuthenticatedHttpRequest, form: InteractionForm) -> None:
    """Fill a new entry from the link that opened it: who, why, which student, what it answers.

    Links come from the weekly focus, the relationships page and member pages; anything
    that does not belong to this workspace is ignored.
    """
    query = request.GET
    initial = form.initial
    follows = form.follows_entry(query.get("follows", ""))
    members = ids_from(query.getlist("member"))
    if follows is not None:
        initial["follows"] = follows.pk
        initial["purposes"] = [Purpose.UPDATE]  # what a follow-up usually is; changeable
        members = members or [m.pk for m in follows.people()]
    team = {m.pk: m for m in form.team}
    chosen = [team[pk] for pk in members if pk in team]
    if chosen:
        initial["participants"] = [m.pk for m in chosen]
        initial["channel"] = chosen[0].preferred_channel
    purposes = [p for p in ids_from(query.getlist("purpose")) if p in Purpose.values]
    if purposes:
        initial["purposes"] = purposes
    students = ids_from(query.getlist("student"))
    if students and students[0] in {s.pk for s in form.students}:
        initial["student"] = students[0]
    form.follows_shown = follows


@login_required
def entry_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    membership = require_current_membership(request, write=True)
    form = InteractionForm(request.POST or None, workspace=membership.workspace)
    if request.method == "POST" and form.is_valid():
        fields = form.service_kwargs()
        earlier = find_resubmission(
            workspace=membership.workspace,
            author=request.user,
            summary=fields["summary"],
            participants=fields["participants"],
            occurred_at=fields["occurred_at"],
        )
        if earlier:
            messages.info(request, _("This entry was already saved."))
            return redirect("entry_detail", entry_id=earlier.pk)
        token = form.cleaned_data.get("form_token")
        try:
            with once.saving(request, token, workspace_id=membership.workspace_id) as held:
                entry = interaction_record(
                    workspace=membership.workspace,
                    author=request.user,
                    closes=form.cleaned_data.get("follows"),
                    **fields,
                )
                held.made(reverse("entry_detail", args=[entry.pk]))
        except once.AlreadySaved as saved:
            messages.info(request, _("This entry was already saved."))
            return redirect(saved.url or "log_list")
        messages.success(request, _("Added to the log."))
        return redirect("entry_detail", entry_id=entry.pk)
    if request.method == "POST":
        form.follows_shown = form.follows_entry(request.POST.get("follows", ""))
    else:
        entry_prefill(request, form)
    return render(request, "log/entry_form.html", {"form": form, "entry": None})


@login_required
@require_POST
def follow_up_done(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry, _membership = get_owned(request, Interaction.objects.all(), entry_id, write=True)
    if entry.follow_up_open:
        follow_up_close(
            interaction=entry,
            author=request.user,
            done_on=timezone.localdate(),
        )
        messages.success(request, _("Follow-up marked done. The entry's history keeps it."))
    elif entry.follow_up_done:
        messages.info(request, _("This follow-up is already done."))
    else:
        messages.info(request, _("This entry has no open follow-up."))
    return redirect_next(request, "entry_detail", entry.pk)


@login_required
def entry_detail(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry, membership = get_owned(
        request,
        Interaction.objects.select_related("author", "student").prefetch_related(
            participants_in_order()
        ),
        entry_id,
    )
    revisions = entry.revisions.select_related("author").order_by("-number")
    return render(
        request,
        "log/entry_detail.html",
        {"entry": entry, "membership": membership, "revisions": revisions},
    )


@login_required
def entry_edit(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    write = request.method == "POST"
    # The form is only for writing: a viewer gets the 403 before filling it in, not after.
    entry, membership = get_owned(request, Interaction.objects.all(), entry_id, write=True)
    if entry.is_withdrawn:
        messages.error(request, _("A withdrawn entry cannot be edited."))
        return redirect("entry_detail", entry_id=entry.pk)
    current = [m.pk for m in entry.people()]
    form = InteractionForm(
        request.POST or None,
        workspace=membership.workspace,
        keep=current,
        initial=InteractionForm.initial_from(entry),
    )
    if entry.student_id is not None:
        # An archived student is no choice for new entries, but stays this entry's own.
        form.students = Student.all_objects.filter(
            Q(archived=False) | Q(pk=entry.student_id), workspace=membership.workspace
        )
        model_choice_field(form, "student").queryset = form.students
    if write and form.is_valid():
        kwargs = form.service_kwargs()
        participants = kwargs.pop("participants")
        if kwargs["occurred_at"] == entry.occurred_at.replace(second=0, microsecond=0):
            # The form shows minutes; an untouched time keeps its seconds.
            kwargs["occurred_at"] = entry.occurred_at
        before = entry.revision_count
        try:
            interaction_edit(
                interaction=entry,
                author=request.user,
                participants=participants,
                base_revision=form.cleaned_data.get("base_revision"),
                **kwargs,
            )
        except EditConflict:
            entry.refresh_from_db()
            data = request.POST.copy()
            data["base_revision"] = str(entry.revision_count)
            form.data = data
            form.add_error(
                None,
                _(
                    "Someone saved a change to this entry while you were editing. Your "
                    "version is below, not saved yet; see the entry's history, then save "
                    "again to keep yours."
                ),
            )
            return render(request, "log/entry_form.html", {"form": form, "entry": entry})
        if entry.revision_count > before:
            messages.success(request, _("Saved as a new revision. The earlier one is kept."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("entry_detail", entry_id=entry.pk)
    return render(request, "log/entry_form.html", {"form": form, "entry": entry})


@login_required
def entry_withdraw(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    write = request.method == "POST"
    entry, membership = get_owned(request, Interaction.objects.all(), entry_id, write=True)
    if entry.is_withdrawn:
        messages.info(request, _("This entry is already withdrawn."))
        return redirect("entry_detail", entry_id=entry.pk)
    form = WithdrawForm(request.POST or None)
    if write and form.is_valid():
        interaction_withdraw(
            interaction=entry,
            author=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("Withdrawn. It stays in the history with your reason."))
        return redirect("entry_detail", entry_id=entry.pk)
    return render(request, "log/entry_withdraw.html", {"form": form, "entry": entry})


@login_required
def record_check(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """Check the record: the workspace's log verified now, against a checkpoint if given.
    Owners only (it reads the whole log under its lock)."""
    membership = get_owner_membership(request, workspace_id)
    form = CheckpointForm(request.GET if "checkpoint" in request.GET else None)
    checkpoint = form.cleaned_data["checkpoint"] if form.is_valid() else None
    result = chain_verify(membership.workspace, checkpoint=checkpoint)
    found = "verified" if result.problem is None else f"broken at {result.seq}"
    record_as(
        request,
        "verified",
        f"record {found}" + (f", checkpoint {checkpoint[0]}" if checkpoint else ""),
    )
    line_form = RecordLineForm(initial={"on": membership.workspace.record_line_in_messages})
    context = {
        "membership": membership,
        "form": form,
        "result": result,
        "checkpoint": checkpoint,
        "line_form": line_form,
    }
    return render(request, "log/record.html", context)


@login_required
@require_POST
def record_line_setting(request: AuthenticatedHttpRequest, workspace_id: int) -> HttpResponse:
    """Turn the record line at the end of the toolkit's messages on or off (owners)."""
    membership = get_owner_membership(request, workspace_id)
    form = RecordLineForm(request.POST)
    on = form.is_valid() and form.cleaned_data["on"]
    workspace_set_record_line(workspace=membership.workspace, on=on)
    if on:
        messages.success(
            request, _("Messages written in the toolkit now end with the record line.")
        )
    else:
        messages.success(
            request, _("Messages written in the toolkit no longer end with the record line.")
        )
    return redirect("record_check", workspace_id=workspace_id)
