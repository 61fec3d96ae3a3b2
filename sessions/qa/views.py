"""The Q&A without JavaScript: the wall, the moderators' page, and forms that call the
same services as the websocket. Views only translate (form → service → redirect back
with a message); SessionPage routes here."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sessions.floor import panel as floor_panel
from sessions.polls import panel as polls_panel
from sessions.qa import panel, services
from sessions.qa.forms import (
    AskForm,
    BoardForm,
    CorrectForm,
    ModerateForm,
    QuestionIdForm,
    first_error,
)
from sessions.qa.services import QAError

DONE = {
    "approve": gettext_lazy("Question approved: it is shown now."),
    "hide": gettext_lazy("Question hidden; the reason is kept on record."),
    "answer": gettext_lazy("Question marked answered."),
    "pin": gettext_lazy("Question pinned to the top."),
    "unpin": gettext_lazy("Question unpinned."),
    "edit": gettext_lazy("Question corrected; the original text is kept."),
}


def back_to_panel(session):
    return redirect(f"{session.url}#qa")


def moderation_url(session):
    return f"{session.url}questions/moderate/"


def wall_view(request, session):
    qa = panel.build(request, session, panel.WALL)
    polls = polls_panel.build(request, session)
    floor = floor_panel.build(request, session)
    live = qa.shown or polls.shown or floor.shown
    if not (live and (services.is_watchable(session) or qa.moderator)):
        raise Http404
    context = {"page": session, "qa": qa, "polls": polls, "floor": floor, "live": live}
    return TemplateResponse(request, "sessions/qa/wall.html", context)


def participant_post(view):
    """POST only, from someone signed in; anyone else goes to sign in first and comes
    back to the session page."""

    def wrapped(request, session):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(session.url)
        return view(request, session)

    return wrapped


@participant_post
def ask_view(request, session):
    form = AskForm(request.POST, session=session)
    refused = None
    if form.is_valid():
        try:
            item = services.ask(request.user, session, **form.cleaned_data)
        except QAError as refusal:
            refused = str(refusal)
        else:
            if item.is_public:
                messages.success(request, _("Your question is on the board."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you: your question will be shown once a moderator "
                        "approves it."
                    ),
                )
            return back_to_panel(session)
    # Refused: the page again with the typed text kept, and the reason beside the
    # form, or at the top when the form is not offered (not registered, paused).
    context = session.get_context(request, qa_ask_form=form)
    if context["qa"].accepts_questions:
        if refused:
            form.add_error(None, refused)
    else:
        messages.error(request, refused or first_error(form))
    return TemplateResponse(request, session.get_template(request), context)


@participant_post
def vote_view(request, session):
    return _act(
        request, session, QuestionIdForm, services.vote, _("Your vote is counted.")
    )


@participant_post
def unvote_view(request, session):
    return _act(
        request,
        session,
        QuestionIdForm,
        services.unvote,
        _("Your vote is withdrawn."),
    )


@participant_post
def withdraw_view(request, session):
    return _act(
        request,
        session,
        QuestionIdForm,
        services.withdraw,
        _("Your question is withdrawn."),
    )


@participant_post
def correct_view(request, session):
    return _act(
        request,
        session,
        CorrectForm,
        services.correct,
        _("Your question is corrected."),
    )


def _act(request, session, form_class, service, done):
    """A participant's plain form: `service(user, session, question, *other fields)`,
    then back to the panel with what happened."""
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        service(request.user, session, *form.cleaned_data.values())
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return back_to_panel(session)


def moderators_only(view):
    """Signed-in moderators only; anyone else finds nothing here (404)."""

    def wrapped(request, session):
        if not request.user.is_authenticated:
            return redirect_to_login(moderation_url(session))
        if not services.can_moderate(request.user, session):
            raise Http404
        return view(request, session)

    return wrapped


@moderators_only
def moderate_view(request, session):
    if request.method != "POST":
        qa = panel.build(request, session, panel.MODERATE)
        polls = polls_panel.build(request, session, moderator=True)
        floor = floor_panel.build(request, session, moderator=True)
        context = {"page": session, "qa": qa, "polls": polls, "floor": floor}
        return TemplateResponse(request, "sessions/qa/moderate.html", context)
    form = ModerateForm(request.POST)
    anchor = ""
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        fields = form.cleaned_data
        question, action = fields.pop("question"), fields.pop("action")
        anchor = f"#question-{question}"
        services.moderate(request.user, session, question, action, **fields)
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, str(DONE[action]))
    return redirect(moderation_url(session) + anchor)


@moderators_only
def board_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = BoardForm(request.POST)
    try:
        if not form.is_valid():
            raise QAError("invalid", first_error(form))
        board = services.configure(request.user, session, **form.cleaned_data)
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        status = board.get_status_display()
        if board.premoderation:
            done = _("Q&A: %(status)s; pre-moderation on.") % {"status": status}
        else:
            done = _("Q&A: %(status)s; pre-moderation off.") % {"status": status}
        messages.success(request, done)
    return redirect(moderation_url(session))


@moderators_only
def untaken_view(request, session):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    published = request.POST.get("published") == "1"
    try:
        services.publish_untaken(request.user, session, published=published)
    except QAError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            _("The questions not taken are public now.")
            if published
            else _("The questions not taken are private again."),
        )
    return redirect(moderation_url(session))


ACTS = {
    "ask": ask_view,
    "vote": vote_view,
    "unvote": unvote_view,
    "withdraw": withdraw_view,
    "correct": correct_view,
    "moderate": moderate_view,
    "board": board_view,
    "untaken": untaken_view,
}


def act_view(request, session, act):
    """The Q&A's forms without JavaScript, and the moderators' page."""
    if act not in ACTS:
        raise Http404
    return ACTS[act](request, session)
