"""The floor without JavaScript: a participant's request and withdrawal, and the
moderators' acts and switches, as plain forms calling the same services as the
websocket. Views only translate (form → service → redirect back with a message);
SessionPage routes here."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sessions.floor import services
from sessions.floor.forms import ActForm, FloorForm, RequestIdForm, SpeakForm
from sessions.floor.queries import floor_of
from sessions.qa.forms import first_error
from sessions.qa.services import QAError
from sessions.qa.views import moderation_url, moderators_only, participant_post

DONE = {
    "call": gettext_lazy("Called: #{number} has the floor."),
    "skip": gettext_lazy("#{number} skipped; the reason is kept on record."),
    "move": gettext_lazy("#{number} moved; the reason is kept on record."),
    "start": gettext_lazy("The clock runs."),
    "stop": gettext_lazy("The clock is stopped."),
    "finish": gettext_lazy("#{number} has finished speaking."),
}


def back_to_floor(session):
    return redirect(f"{session.url}#floor")


def back_to_moderation(session):
    return redirect(f"{moderation_url(session)}#floor")


@participant_post
def speak_view(request, session):
    form = SpeakForm(request.POST, session=session)
    refused = None
    if form.is_valid():
        try:
            item = services.request(request.user, session, **form.request())
        except QAError as refusal:
            refused = str(refusal)
        else:
            messages.success(
                request,
                _("You are in the queue as #%(number)s. Watch for your turn.")
                % {"number": item.number},
            )
            return back_to_floor(session)
    # Refused: the page again with what was typed kept and the reason beside it.
    context = session.get_context(request, floor_speak_form=form)
    if context["floor"].speak_form is form:
        form.add_error(None, refused or first_error(form))
    else:
        messages.error(request, refused or first_error(form))
    return TemplateResponse(request, session.get_template(request), context)


@participant_post
def unspeak_view(request, session):
    form = RequestIdForm(request.POST)
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        services.withdraw(request.user, session, form.cleaned_data["request"])
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("You have left the queue. Ask again at any time."))
    return back_to_floor(session)


@moderators_only
def act_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ActForm(request.POST)
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        fields = form.cleaned_data
        item = services.act(
            request.user,
            session,
            fields["action"],
            request_id=fields["request"],
            reason=fields["reason"],
            place=fields["place"],
        )
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, DONE[fields["action"]].format(number=item.number))
    return back_to_moderation(session)


@moderators_only
def settings_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = FloorForm(request.POST, floor=floor_of(session))
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        floor = services.configure(request.user, session, **form.settings())
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        minutes = floor.speaking_limit // 60
        messages.success(
            request,
            ngettext(
                "Speaking queue: %(status)s; %(minutes)s min per speaker.",
                "Speaking queue: %(status)s; %(minutes)s min per speaker.",
                minutes,
            )
            % {"status": floor.get_status_display(), "minutes": minutes},
        )
    return back_to_moderation(session)


ACTS = {
    "speak": speak_view,
    "unspeak": unspeak_view,
    "act": act_view,
    "settings": settings_view,
}


def floor_view(request, session, act):
    if act not in ACTS:
        raise Http404
    return ACTS[act](request, session)
