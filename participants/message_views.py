"""Organisers' screens for talking to registrants: the outbox, writing a message (with
a preview for one recipient), sending and retrying it, and the event's mail texts.
Every change goes through participants.messaging; someone who may not manage the
event gets 404."""

import uuid

from django import forms
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Page

from events.admin_views import EventAdminView
from events.models import Region, StakeholderGroup
from participants import emails, mail_texts, messaging
from participants.mail_texts import Kind
from participants.messaging import text_for
from participants.models import Delivery, MailText, Message, Registration
from toolkit.ids import IdChoiceField

ACTIVE_CHOICES = [
    (s, label) for s, label in Registration.Status.choices if s in Registration.ACTIVE
]


def placeholder_help():
    names = ", ".join("{" + name + "}" for name in mail_texts.known())
    return gettext(
        "Placeholders: %(names)s. A line whose placeholders are all empty is left out."
    ) % {"names": names}


class MailTextForm(forms.Form):
    """A subject and a text with placeholders: an event's mail text, or a message."""

    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = placeholder_help()

    def clean(self):
        data = super().clean()
        try:
            mail_texts.check(data.get("subject", ""), data.get("body", ""))
        except mail_texts.MailTextError as error:
            self.add_error("body", str(error))
        return data


class MessageForm(MailTextForm):
    token = forms.UUIDField(widget=forms.HiddenInput)
    statuses = forms.MultipleChoiceField(
        label=_("Status"),
        choices=ACTIVE_CHOICES,
        initial=[Registration.Status.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one status.")},
    )
    group = IdChoiceField(
        StakeholderGroup.objects.all(),
        label=_("Group"),
        required=False,
        empty_label=_("Any group"),
    )
    mode = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", _("In person or online")), *Registration.Mode.choices],
        required=False,
    )
    country = forms.ChoiceField(
        label=_("Country"), choices=[("", _("Any country")), *countries], required=False
    )
    region = IdChoiceField(
        Region.objects.all(),
        label=_("Region"),
        required=False,
        empty_label=_("Any region"),
    )
    session = forms.TypedChoiceField(
        label=_("Session in their agenda"),
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        choices = messaging.session_choices(event)
        self.fields["session"].choices = [("", gettext("Any (or none)")), *choices]

    def audience(self):
        data = self.cleaned_data
        return {
            "statuses": data["statuses"],
            "group": data["group"].pk if data["group"] else None,
            "mode": data["mode"],
            "country": data["country"],
            "region": data["region"].pk if data["region"] else None,
            "session": data["session"],
        }


class AudienceWords:
    """Audiences as an organiser reads them ("Confirmed; Government; Online"); the
    names are read once for a whole outbox."""

    def __init__(self, event):
        self.groups = dict(StakeholderGroup.objects.values_list("pk", "name"))
        self.regions = dict(Region.objects.values_list("pk", "name"))
        self.sessions = dict(messaging.session_choices(event))

    def of(self, message):
        """To whom `message` goes, in words."""
        if message.purpose == messaging.REMINDER:
            return gettext("Confirmed registrants")
        if message.purpose.startswith(messaging.SESSION_REMINDER):
            return gettext("Confirmed registrants with the session in their agenda")
        return self(message.audience)

    def __call__(self, audience):
        if "words" in audience:  # a mail to named accounts says it itself
            return audience["words"]
        statuses = dict(Registration.Status.choices)
        words = [", ".join(str(statuses[s]) for s in audience.get("statuses") or [])]
        if audience.get("group"):
            words.append(self.groups.get(audience["group"], ""))
        if audience.get("mode"):
            words.append(dict(Registration.Mode.choices)[audience["mode"]])
        if audience.get("country"):
            words.append(dict(countries)[audience["country"]])
        if audience.get("region"):
            words.append(self.regions.get(audience["region"], ""))
        if audience.get("session"):
            title = self.sessions.get(audience["session"])
            if title is None:
                words.append(gettext("with “a session” in their agenda"))
            else:
                words.append(
                    gettext("with “%(title)s” in their agenda") % {"title": title}
                )
        return "; ".join(str(w) for w in words if w)


class EventMessagesView(EventAdminView):
    header_icon = "mail"
    title = _("Messages")


class OutboxView(EventMessagesView):
    template_name = "participants/admin/outbox.html"

    def get_context_data(self, **kwargs):
        rows = list(messaging.outbox(self.event))
        words = AudienceWords(self.event)
        kwargs["now"] = timezone.now()
        for message in rows:
            message.heading = messaging.heading(message)
            message.to_words = words.of(message)
        return super().get_context_data(rows=rows, **kwargs)


def _session_page(event, pk):
    if not pk or pk not in dict(messaging.session_choices(event)):
        return None
    return Page.objects.get(pk=pk)


class ComposeView(EventMessagesView):
    """Write a message (or change a draft): the form posts to itself and leads to the
    draft's preview; its token makes a second submit find the same draft."""

    template_name = "participants/admin/compose.html"
    title = _("Write to registrants")

    def initial(self):
        draft = self.draft()
        if draft is not None:
            return {
                "token": draft.token,
                "subject": draft.subject,
                "body": draft.body,
                **{k: v for k, v in draft.audience.items() if v},
            }
        query = self.request.GET
        initial = {"token": uuid.uuid4()}
        if query.get("status") in Registration.ACTIVE:
            initial["statuses"] = [query["status"]]
        for key in ("group", "mode", "country", "region"):
            if query.get(key):
                initial[key] = query[key]
        return initial

    def draft(self):
        pk = self.request.GET.get("draft")
        if not (pk and pk.isdigit()):
            return None
        message = messaging.message_of(self.request.user, self.event, int(pk))
        return message if message and message.status == Message.Status.DRAFT else None

    def get_context_data(self, form=None, **kwargs):
        form = form or MessageForm(initial=self.initial(), event=self.event)
        return super().get_context_data(form=form, **kwargs)

    def post(self, request, event_id):
        form = MessageForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        audience = form.audience()
        try:
            message = messaging.compose(
                request.user,
                self.event,
                token=form.cleaned_data["token"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                audience=audience,
                session=_session_page(self.event, audience["session"]),
            )
        except messaging.MessageError as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form))
        return redirect("event_message", self.event.pk, message.pk)


class MessageView(EventMessagesView):
    """A draft's preview (for one recipient of the organiser's choice) with its Send
    button, or a sent message's deliveries with their errors and a Retry button."""

    template_name = "participants/admin/message.html"
    per_page = 100

    def dispatch(self, request, event_id, pk, **kwargs):
        return super().dispatch(request, event_id, pk=pk, **kwargs)

    def message(self):
        found = messaging.message_of(self.request.user, self.event, self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs):
        message = self.message()
        self.title = gettext("Message: %(subject)s") % {"subject": text_for(message)[0]}
        context = {"message": message, "heading": messaging.heading(message)}
        context["held"] = messaging.held(message)
        if messaging.written(message):
            context["written"] = mail_texts.plain(message.subject, message.body)
        context["audience_words"] = AudienceWords(self.event).of(message)
        if message.status == Message.Status.DRAFT:
            people = messaging.recipients(self.event, message.audience).select_related(
                "user__profile", "group"
            )
            context["count"] = people.count()
            chosen = self.request.GET.get("recipient", "")
            recipient = people.filter(pk=chosen).first() if chosen.isdigit() else None
            recipient = recipient or people.first()
            context["choices"] = people[:200]
            if recipient is not None:
                recipient.event = self.event
                context["recipient"] = recipient
                context["preview"] = messaging.mail_for(message, recipient)
        else:
            deliveries = message.deliveries.select_related(
                "registration__user__profile", "user__profile"
            ).order_by("pk")
            page = Paginator(deliveries, self.per_page).get_page(
                self.request.GET.get("p")
            )
            context["page"] = page
            counted = dict(
                message.deliveries.values_list("status").annotate(n=Count("pk"))
            )
            context["counts"] = {
                label: counted.get(status, 0)
                for status, label in Delivery.Status.choices
            }
            context["retryable"] = message.deliveries.filter(
                status__in=[Delivery.Status.FAILED, Delivery.Status.INTERRUPTED]
            ).exists()
        return super().get_context_data(**context, **kwargs)

    def post(self, request, event_id, pk):
        message = self.message()
        if "retry" in request.POST:
            again = messaging.retry(request.user, message)
            flash.success(
                request,
                ngettext(
                    "%(n)s mail(s) queued again.", "%(n)s mail(s) queued again.", again
                )
                % {"n": again},
            )
        elif messaging.send(request.user, message):
            count = message.deliveries.count()
            flash.success(
                request,
                ngettext(
                    "Sending to %(n)s registrant(s).",
                    "Sending to %(n)s registrant(s).",
                    count,
                )
                % {"n": count},
            )
        else:
            flash.info(
                request,
                gettext("This message was sent already; it is not sent again."),
            )
        return redirect("event_message", self.event.pk, message.pk)


class MailTextsView(EventMessagesView):
    template_name = "participants/admin/mail_texts.html"
    title = _("Mail texts")

    def get_context_data(self, **kwargs):
        own = {t.kind: t for t in MailText.objects.filter(event=self.event)}
        rows = [
            {
                "kind": kind,
                "label": label,
                "subject": (
                    own[kind].subject if kind in own else mail_texts.DEFAULTS[kind][0]
                ),
                "own": own.get(kind),
            }
            for kind, label in Kind.choices
        ]
        return super().get_context_data(rows=rows, **kwargs)


class MailTextView(EventMessagesView):
    """Edit one kind's text: Preview shows it filled with sample values without
    saving; Save keeps it for this event; Use the default forgets it."""

    template_name = "participants/admin/mail_text.html"

    def dispatch(self, request, event_id, kind, **kwargs):
        if kind not in dict(Kind.choices):
            raise Http404
        self.kind = kind
        self.title = gettext("Mail text: %(kind)s") % {"kind": dict(Kind.choices)[kind]}
        return super().dispatch(request, event_id, kind=kind, **kwargs)

    def get_context_data(self, form=None, preview=None, **kwargs):
        subject, body = emails.text_of(self.event, self.kind)
        form = form or MailTextForm(initial={"subject": subject, "body": body})
        if preview is None and not form.is_bound:
            preview = mail_texts.render(subject, body, emails.sample_values(self.event))
        own = MailText.objects.filter(event=self.event, kind=self.kind).first()
        kwargs["kind"] = self.kind
        return super().get_context_data(form=form, preview=preview, own=own, **kwargs)

    def post(self, request, event_id, kind):
        if "default" in request.POST:
            emails.forget_text(self.event, kind)
            flash.success(request, gettext("This mail uses the default text again."))
            return redirect("event_mail_text", self.event.pk, kind)
        form = MailTextForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        if "preview" in request.POST:
            preview = mail_texts.render(subject, body, emails.sample_values(self.event))
            return self.render_to_response(
                self.get_context_data(form=form, preview=preview)
            )
        emails.keep_text(self.event, kind, subject, body, by=request.user)
        flash.success(
            request, gettext("The text is saved; the next mails of this kind use it.")
        )
        return redirect("event_mail_texts", self.event.pk)


def compose_link(event, filters):
    """The compose screen, chosen like the registration list is filtered."""
    query = {k: v for k, v in filters.items() if k != "q" and v}
    url = reverse("event_message_new", args=[event.pk])
    return f"{url}?{urlencode(query)}" if query else url
