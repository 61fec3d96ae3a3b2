from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from events.queries import public
from events.tree import event_of
from sessions import agenda
from sessions.exporters import export
from sessions.exporters.base import file_response, guid, modified
from sessions.exporters.ical import (
    CONTENT_TYPE,
    calendar,
    last_modified,
    session_calendar,
)
from sessions.forms import AgendaForm
from sessions.models import SessionPage
from sessions.programme import build_programme
from toolkit import page_cache
from toolkit.addresses import absolute, page_address
from toolkit.feeds import TextAtomFeed
from toolkit.page_serving import serve

AGENDA_LABELS = {
    True: gettext_lazy("Remove from my agenda"),
    False: gettext_lazy("Add to my agenda"),
}


def programme_view(request, event):
    def render():
        context = {"page": event, "self": event, **build_programme(event, request.GET)}
        if request.user.is_authenticated:
            context["agenda"] = agenda.session_ids(request.user)
        return TemplateResponse(request, "sessions/programme.html", context)

    # "Now and next" moves with the clock while the event runs: keep it to the minute.
    timeout = 60 - timezone.now().second if event.is_running() else page_cache.TIMEOUT
    return page_cache.serve(request, render, timeout=timeout)


def serve_file(request, path):
    """Wagtail serves only paths that end in a slash; a page's named files
    (programme.ics, schedule.xml) come here and go on to the page's routes."""
    return serve(request, f"{path}/")


def public_changes(event):
    """The changelog lines of sessions anyone may read: a draft's, a private or a
    deleted session's lines would name what the programme does not show."""
    return event.programme_changes.filter(
        session__in=public(SessionPage.objects.child_of(event), inside=event)
    )


def changes_view(request, event):
    changes = public_changes(event).select_related("session")
    context = {"page": event, "self": event, "changes": changes}
    return TemplateResponse(request, "sessions/programme_changes.html", context)


class ChangesFeed(TextAtomFeed):
    def latest_post_date(self):
        # Atom1Feed says "now" for an empty feed; the ETag must stay stable.
        return self.feed["updated"]


def changes_feed(request, event):
    """The changelog as an Atom feed, newest first."""
    changes = list(public_changes(event)[:50])
    newest = changes[0].at if changes else last_modified([event])
    link = f"{page_address(event)}programme/changes/"
    feed = ChangesFeed(
        updated=newest,
        title=_("Programme changes · %(event)s") % {"event": event.title},
        link=link,
        description=_("New, moved and cancelled sessions of %(event)s.")
        % {"event": event.title},
        feed_url=f"{page_address(event)}programme/changes/feed.atom",
        feed_guid=f"urn:uuid:{guid('changes', event.pk)}",
        language="en",
    )
    for change in changes:
        feed.add_item(
            # Named with its event: readers mix the entries of many feeds.
            title=_("%(change)s: %(title)s · %(event)s")
            % {
                "change": change.get_kind_display(),
                "title": change.title,
                "event": event.title,
            },
            link=f"{link}#change-{change.pk}",
            description=change_summary(change, event),
            unique_id=f"urn:uuid:{guid('change', change.pk)}",
            pubdate=change.at,
            updateddate=change.at,
        )
    body = feed.writeString("utf-8").encode()
    return file_response(
        request,
        body,
        content_type="application/atom+xml; charset=utf-8",
        filename=f"{event.slug}-changes.atom",
        last_modified=newest,
    )


def change_summary(change, event):
    tz = event.tzinfo

    def slot(start, end, room):
        when = (
            f"{date_format(start.astimezone(tz), _('D d M H:i'))}–"
            f"{date_format(end.astimezone(tz), _('H:i'))}"
        )
        return f"{when}, {room}" if room else when

    new = slot(change.new_start, change.new_end, change.new_room)
    if not change.is_move:
        return new
    return _("Was %(old)s; now %(new)s.") % {
        "old": slot(change.old_start, change.old_end, change.old_room),
        "new": new,
    }


def session_calendar_view(request, session):
    def render():
        event = event_of(session)
        body, modified = session_calendar(session, event)
        return file_response(
            request,
            body,
            content_type=CONTENT_TYPE,
            filename=f"{session.slug}.ics",
            last_modified=modified,
        )

    return page_cache.serve(request, render)


@login_required
def agenda_view(request):
    if request.method == "POST":
        return change_agenda(request)
    rows = agenda.sessions(request.user)
    feed_url = absolute(f"/agenda/{agenda.feed_token(request.user)}.ics")
    context = {
        "sessions": rows,
        "agenda": {row.pk for row in rows},
        "feed_url": feed_url,
        # The same address for calendar apps that subscribe on a click.
        "subscribe_url": "webcal://" + feed_url.split("://", 1)[1],
    }
    return TemplateResponse(request, "sessions/agenda.html", context)


def change_agenda(request):
    """Adds or removes the posted session; answers JSON to the page's script and a
    redirect back to the form's page otherwise."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = AgendaForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": _("Unknown session or action.")}, status=400)
    session = get_object_or_404(SessionPage, pk=form.cleaned_data["session"])
    adding = form.cleaned_data["action"] == "add"
    note = ""
    try:
        if adding:
            note = agenda.clash_note(agenda.add(request.user, session))
        else:
            agenda.remove(request.user, session)
    except agenda.AgendaError as refusal:
        if wants_json:
            return JsonResponse({"error": str(refusal)}, status=400)
        messages.error(request, str(refusal))
        adding = False
    if wants_json:
        label = str(AGENDA_LABELS[adding])
        return JsonResponse(
            {"action": "remove" if adding else "add", "label": label, "note": note}
        )
    if note:  # shown beside the session's button (agenda_form.html), not on top
        messages.warning(request, note, extra_tags=f"agenda-{session.pk}")
    back = request.headers.get("Referer", "").split("#")[0]
    if not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, require_https=request.is_secure()
    ):
        back = session.url
    # Back to the same session on the page, not to its top.
    return redirect(f"{back}#agenda-{session.pk}")


@require_POST
@login_required
def agenda_reset_view(request):
    agenda.reset_token(request.user)
    messages.success(
        request, _("Your calendar link was reset; the old link no longer works.")
    )
    return redirect("agenda")


def agenda_feed_view(request, token):
    feed = agenda.feed_of(token)
    rows = agenda.sessions(feed.user)
    body = calendar(_("My agenda"), [(s, s.event) for s in rows])
    return file_response(
        request,
        body,
        content_type=CONTENT_TYPE,
        filename="agenda.ics",
        last_modified=max([feed.updated, *(modified(s) for s in rows)]),
        private=True,
    )


def export_view(request, event, name):
    return page_cache.serve(request, lambda: export(request, event, name))
