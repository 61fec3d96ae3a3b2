"""The programme grid in the admin: the grid itself, a session added in a free slot,
a session moved (by dragging a block, or by the move form from the keyboard)."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.admin_views import EventAdminView
from events.rooms import event_rooms
from sessions import drafting, grid
from sessions.grid_forms import GridMoveForm, GridSessionForm
from sessions.models import Person, SessionPage
from sessions.services import clock, usual_track

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def warn_clashes(request, event, clashes):
    for person, other in clashes:
        messages.warning(
            request,
            _("%(person)s is also in “%(title)s” at %(time)s (%(room)s).")
            % {
                "person": person.name,
                "title": other.title,
                "time": clock(other.start, event),
                "room": other.room or _("no room"),
            },
        )


def grid_url(event, start=None):
    url = reverse("event_grid", args=[event.pk])
    if start is not None:
        url += f"#day-{timezone.localtime(start, event.tzinfo).date().isoformat()}"
    return url


class EventGridView(EventAdminView):
    """Days x rooms x time, every session a block; filters by day and track."""

    template_name = "sessions/admin/grid.html"
    header_icon = "table"
    title = gettext_lazy("Programme grid")

    def get_context_data(self, **kwargs):
        event = self.event
        day = self.request.GET.get("day") or None
        track = self.request.GET.get("track") or None
        try:
            chosen_day = datetime.strptime(day, "%Y-%m-%d").date() if day else None
        except ValueError:
            chosen_day = None
        layout = grid.build(event, day=chosen_day, track=track)
        add_url = reverse("event_grid_add", args=[event.pk])
        edit_url = reverse("wagtailadmin_pages:edit", args=[0])
        move_url = reverse("event_grid_move", args=[event.pk, 0])
        for day_layout in layout["days"]:
            for lane in day_layout.lanes:
                lane.href = (
                    f"{add_url}?start={lane.start:{LOCAL_FORMAT}}&room={lane.room.pk}"
                )
            for block in day_layout.blocks:
                pk = str(block.session.pk)
                block.edit_url = edit_url.replace("/0/", f"/{pk}/")
                block.move_url = move_url.replace("/0/", f"/{pk}/")
        return super().get_context_data(
            layout=layout,
            chosen_day=chosen_day,
            chosen_track=track,
            add_url=add_url,
            slot_minutes=grid.SLOT_MINUTES,
            cell_minutes=grid.CELL_MINUTES,
            columns_count=len(layout["columns"]),
            **kwargs,
        )


class GridAddView(EventAdminView):
    """A new draft session, its time and room taken from the free slot clicked."""

    template_name = "sessions/admin/grid_form.html"
    header_icon = "plus"
    title = gettext_lazy("Add a session")

    def get_form(self):
        event = self.event
        try:
            start = datetime.strptime(self.request.GET.get("start", ""), LOCAL_FORMAT)
        except ValueError:
            start = datetime.combine(event.start_date, grid.DAY_FROM)
        start = timezone.make_aware(start, event.tzinfo)
        rooms = event_rooms(
            event, also=SessionPage.objects.child_of(event).values("room")
        )
        room = None
        if self.request.GET.get("room", "").isdigit():
            room = rooms.filter(pk=self.request.GET["room"]).first()
        initial = {
            "start": start,
            "end": start + timedelta(minutes=event.session_minutes),
            "format": SessionPage.Format.PANEL,
            "room": room,
            "track": usual_track(event, room=room) if room else usual_track(event),
        }
        return GridSessionForm(
            self.request.POST or None,
            initial=initial,
            event=event,
            rooms=rooms,
            people=Person.objects.order_by("name"),
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            try:
                session, clashes = drafting.add_session(
                    self.event,
                    request.user,
                    title=data["title"],
                    code=data["code"],
                    start=data["start"],
                    end=data["end"],
                    room=data["room"],
                    track=data["track"],
                    format=data["format"],
                    people=data["people"],
                    new_people=form.new_people(),
                )
            except PermissionError:
                raise Http404 from None
            except drafting.ScheduleRefused as refusal:
                for name, message in refusal.problems.items():
                    form.add_error(name if name in form.fields else None, message)
            else:
                messages.success(
                    request,
                    _("“%(title)s” added as a draft: publish it when ready.")
                    % {"title": session.title},
                )
                warn_clashes(request, self.event, clashes)
                return redirect(grid_url(self.event, session.start))
        return self.render_to_response(self.get_context_data(form=form))


class GridMoveView(EventAdminView):
    """A session's new start and room; what a dropped block posts."""

    template_name = "sessions/admin/grid_form.html"
    header_icon = "resubmit"
    title = gettext_lazy("Move a session")

    def dispatch(self, request, event_id, session_id, **kwargs):
        self.session_id = session_id
        return super().dispatch(request, event_id, **kwargs)

    def get_form(self, session):
        draft = session.get_latest_revision_as_object()
        return GridMoveForm(
            self.request.POST or None,
            initial={"start": draft.start, "room": draft.room_id},
            event=self.event,
            rooms=event_rooms(
                self.event, also=SessionPage.objects.child_of(self.event).values("room")
            ),
        )

    def get_session(self):
        return get_object_or_404(
            SessionPage.objects.child_of(self.event), pk=self.session_id
        )

    def get(self, request, *args, **kwargs):
        session = self.get_session()
        return self.render_to_response(
            self.get_context_data(form=self.get_form(session), session=session)
        )

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        form = self.get_form(session)
        if form.is_valid():
            try:
                draft, clashes = drafting.move_session(
                    session,
                    request.user,
                    start=form.cleaned_data["start"],
                    room=form.cleaned_data["room"],
                )
            except PermissionError:
                raise Http404 from None
            except drafting.ScheduleRefused as refusal:
                for name, message in refusal.problems.items():
                    form.add_error(name if name in form.fields else None, message)
            else:
                event = self.event
                messages.success(
                    request,
                    _(
                        "“%(title)s” moved to %(time)s in %(room)s, as a draft: "
                        "publish it when ready."
                    )
                    % {
                        "title": draft.title,
                        "time": clock(draft.start, event),
                        "room": draft.room or _("no room"),
                    },
                )
                warn_clashes(request, event, clashes)
                return redirect(grid_url(event, draft.start))
        return self.render_to_response(
            self.get_context_data(form=form, session=session)
        )
