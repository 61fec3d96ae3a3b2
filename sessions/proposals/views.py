"""The proposers' screens under a call (<event>/call/): start a proposal, edit it with
its people, submit or withdraw it. Plain forms; someone else's proposal answers 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.tree import event_of
from sessions.proposals import decisions, queries, screening, services
from sessions.proposals.forms import (
    PersonForm,
    ProposalForm,
    StartForm,
    people_formset,
    people_rows,
)
from sessions.proposals.models import Proposal


def signed_in(view):
    def wrapped(request, call, *args):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, call, *args)

    return wrapped


def _own(request, call, pk):
    try:
        return queries.own_proposal(request.user, call, pk)
    except Proposal.DoesNotExist:
        raise Http404 from None


def _proposal_url(call, proposal):
    return call.reverse_subpage("proposal", args=[proposal.pk])


@signed_in
def propose(request, call):
    if request.method != "POST":
        return redirect(call.url)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            proposal = services.start(
                request.user, call, title=form.cleaned_data["title"]
            )
        except services.ProposalError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _(
                    "Your draft is saved. Fill it in and save as often as you like; "
                    "submit it before the call closes."
                ),
            )
            return redirect(call.url + _proposal_url(call, proposal))
    else:
        messages.error(request, _("Give your proposal a title to start it."))
    return redirect(call.url)


def _forms(request, call, proposal, data=None):
    event = event_of(call)
    themes = queries.call_themes(call, event)
    initial_people = [
        {name: getattr(person, name) for name in PersonForm.Meta.fields}
        | {"group": person.group_id}
        for person in proposal.people.all()
    ]
    form = ProposalForm(
        data,
        instance=proposal,
        call=call,
        themes=themes,
        may_share=request.user.pk == proposal.proposer_id,
        initial={
            "version": proposal.version,
            "co_proposers": "\n".join(u.email for u in proposal.co_proposers.all()),
        },
    )
    people = people_formset(data, initial_people)
    return event, form, people


@signed_in
def edit(request, call, pk):
    proposal = _own(request, call, pk)
    data = request.POST if request.method == "POST" else None
    event, form, people = _forms(request, call, proposal, data)
    if data is not None and form.is_valid() and people.is_valid():
        try:
            co_proposers = services.co_proposers_by_email(
                form.cleaned_data["co_proposers"], besides=proposal.proposer
            )
            services.save(
                request.user,
                proposal,
                version=form.cleaned_data["version"],
                fields={
                    name: form.cleaned_data[name]
                    for name in ProposalForm.Meta.fields
                    if name != "themes"
                },
                themes=form.cleaned_data["themes"],
                people=people_rows(people),
                co_proposers=co_proposers,
            )
        except services.ProposalError as refusal:
            form.add_error(None, str(refusal))
        else:
            if "submit" in data:  # "Save and submit": nothing typed is lost
                return act(request, call, pk, "submit")
            messages.success(request, _("Your proposal is saved."))
            return redirect(request.path)
    checks = screening.screen(call, [proposal])[proposal.pk]
    return TemplateResponse(
        request,
        "sessions/proposals/proposal.html",
        {
            "page": call,
            "event": event,
            "proposal": proposal,
            "form": form,
            "people": people,
            "checks": checks,
            "is_open": call.is_open(),
            "editable": proposal.status in services.EDITABLE,
            "to_confirm": proposal.status in decisions.TO_CONFIRM
            and proposal.decision_public,
        },
        status=400 if data is not None else 200,
    )


def _answer(confirm):
    def answer(user, proposal):
        return decisions.answer(user, proposal.call, proposal.pk, confirm=confirm)

    return answer


ACTS = {
    "submit": (
        services.submit,
        gettext_lazy(
            "Your proposal is submitted. You can still change it until the call closes."
        ),
    ),
    "withdraw": (services.withdraw, gettext_lazy("Your proposal is withdrawn.")),
    "confirm": (
        _answer(True),
        gettext_lazy(
            "Thank you: your session is confirmed. The organisers will place it in "
            "the programme."
        ),
    ),
    "decline": (
        _answer(False),
        gettext_lazy("You declined the session; the organisers are told."),
    ),
}


@signed_in
def act(request, call, pk, act):
    if act not in ACTS:
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    proposal = _own(request, call, pk)
    service, done = ACTS[act]
    try:
        service(request.user, proposal)
    except services.ProposalError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, str(done))
    return redirect(call.url + _proposal_url(call, proposal))
