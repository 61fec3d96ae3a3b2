"""Wagtail's "Copy" of a session runs the schedule rules: the copy gets a code of its
own, and a copy that would clash (the same room at the same time, outside its event's
days) is never published by the copy: it is kept as a draft and the organiser is told
why. Wired as Wagtail hooks in sessions/wagtail_hooks.py."""

from django.contrib import messages
from django.utils.translation import gettext as _

from events.models import EventPage
from sessions.models import SessionPage
from sessions.services import free_code, schedule_problems


def destination(request, session):
    """The event the copy goes to: the one chosen on the form, else the session's."""
    chosen = request.POST.get("new_parent_page")
    event = EventPage.objects.filter(pk=chosen).first() if chosen else None
    return event or session.get_parent().specific


def before_copy(request, page):
    """Runs before Wagtail reads the copy form: a copy that would clash loses the
    "publish copies" choice."""
    if request.method != "POST" or not isinstance(page.specific, SessionPage):
        return
    session = page.specific
    event = destination(request, session)
    problems = schedule_problems(
        event, session.start, session.end, session.room, session.status
    )
    request.copy_problems = problems
    if problems and request.POST.get("publish_copies"):
        post = request.POST.copy()
        post.pop("publish_copies")
        request.POST = post


def after_copy(request, page, new_page):
    """Gives the copy its own code (in its row and a new revision, published again if
    the copy is live), then says what happened."""
    if not isinstance(new_page.specific, SessionPage):
        return
    copy = SessionPage.objects.get(pk=new_page.pk)
    event = copy.get_parent().specific
    code = free_code(event, copy.code, exclude=[copy.pk])
    if code != copy.code:
        draft = copy.get_latest_revision_as_object()
        draft.code = code
        if not copy.live:
            draft.save()
        revision = draft.save_revision(user=request.user)
        if copy.live:
            revision.publish(user=request.user)
        messages.info(request, _("The copy's code is %(code)s.") % {"code": code})
    problems = getattr(request, "copy_problems", None)
    if problems:
        messages.warning(
            request,
            _(
                "The copy is kept as a draft: %(problems)s Change its time or room, "
                "then publish it."
            )
            % {"problems": " ".join(problems.values())},
        )
