"""The polls without JavaScript: a participant's answer and the moderators' acts, as
plain forms calling the same services as the websocket. Views only translate (form →
service → redirect back with a message); SessionPage routes here."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.polls import services
from sessions.polls.forms import AnswerForm, PrepareForm
from sessions.polls.models import Poll
from sessions.qa.forms import first_error
from sessions.qa.services import QAError
from sessions.qa.views import moderation_url, moderators_only, participant_post
from toolkit.ids import parse


def back_to_polls(session):
    return redirect(f"{moderation_url(session)}#polls")


def posted_poll(request, session):
    poll = Poll.objects.filter(session=session, pk=parse(request.POST.get("poll")))
    poll = poll.prefetch_related("options").first()
    if poll is None:
        raise QAError("not-found", str(services.NOT_FOUND))
    return poll


@participant_post
def answer_view(request, session):
    try:
        poll = posted_poll(request, session)
    except QAError as refusal:
        messages.error(request, str(refusal))
        return redirect(f"{session.url}#poll")
    form = AnswerForm(poll, request.POST)
    refused = None
    if form.is_valid():
        try:
            entry = services.answer(request.user, session, poll.pk, **form.reply())
        except QAError as refusal:
            refused = str(refusal)
        else:
            messages.success(
                request,
                _("Your answer is changed.")
                if entry.changed
                else _("Your answer is counted."),
            )
            return redirect(f"{session.url}#poll")
    # Refused: the page again with what was chosen kept and the reason beside it.
    context = session.get_context(request, poll_answer_form=form)
    if context["polls"].answer_form is form:
        form.add_error(None, refused or first_error(form))
    else:
        messages.error(request, refused or first_error(form))
    return TemplateResponse(request, session.get_template(request), context)


@moderators_only
def prepare_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PrepareForm(request.POST)
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        poll = services.prepare(request.user, session, **form.prepared())
    except QAError as refusal:
        messages.error(
            request, _("Poll not prepared. %(reason)s") % {"reason": refusal}
        )
    else:
        messages.success(
            request,
            _("Poll prepared: “%(question)s”. Launch it when you are ready.")
            % {"question": poll.question},
        )
    return back_to_polls(session)


def _moderators_act(service, done):
    @moderators_only
    def view(request, session):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            poll = service(request, session, posted_poll(request, session).pk)
        except QAError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done(poll))
        return back_to_polls(session)

    return view


def _closed(answers):
    # English says "answer(s)" whatever the number; other languages need their forms.
    return ngettext(
        "Poll closed with %(n)s answer(s).",
        "Poll closed with %(n)s answer(s).",
        answers,
    ) % {"n": answers}


launch_view = _moderators_act(
    lambda request, session, pk: services.launch(request.user, session, pk),
    lambda poll: _("Poll launched: “%(question)s”.") % {"question": poll.question},
)
close_view = _moderators_act(
    lambda request, session, pk: services.close(request.user, session, pk),
    lambda poll: _closed(poll.final_results["answers"]),
)
reveal_view = _moderators_act(
    lambda request, session, pk: services.reveal(
        request.user, session, pk, revealed=request.POST.get("revealed") == "1"
    ),
    lambda poll: (
        _("Results shown to everyone.")
        if poll.revealed
        else _("Results hidden from the public.")
    ),
)


@moderators_only
def words_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = request.POST.get("action")
    try:
        services.moderate_words(
            request.user, session, parse(request.POST.get("answer")), action
        )
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("Answer shown in the cloud.")
            if action == "approve"
            else _("Answer hidden."),
        )
    return back_to_polls(session)


ACTS = {
    "answer": answer_view,
    "prepare": prepare_view,
    "launch": launch_view,
    "close": close_view,
    "reveal": reveal_view,
    "words": words_view,
}


def act_view(request, session, act):
    if act not in ACTS:
        raise Http404
    return ACTS[act](request, session)
