"""The programme import in the admin: a CSV or Excel file uploaded, previewed row by
row, then applied, all through the importer `manage.py import_programme` uses
(sessions.importer), so its rules exist once. The rows previewed are kept in the
organiser's session until they are applied, and checked again then: the programme
may have changed in between."""

import uuid

from django import forms
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages

from events.admin_views import EventAdminView
from sessions import importer

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
KINDS = (".csv", ".xlsx")


def kept_key(event):
    return f"programme-import:{event.pk}"


class UploadForm(forms.Form):
    programme = forms.FileField(
        label=gettext_lazy("Programme file (CSV or Excel .xlsx)"),
        help_text=gettext_lazy(
            "One row per session, with the columns code, title, date, start and "
            "end, and optionally room, track, format, status, languages, themes, "
            "summary, moderators, online_moderators, speakers, rapporteurs and "
            "questions. At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(KINDS)}),
    )

    def clean_programme(self):
        upload = self.cleaned_data["programme"]
        if not upload.name.lower().endswith(KINDS):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is neither a .csv nor an .xlsx file: save the "
                    "programme as “CSV UTF-8” or as an Excel workbook."
                )
                % {"name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "The file is %(size)s bytes; it may be at most 2 MB "
                    "(%(limit)s bytes). Split the programme into several files."
                )
                % {
                    "size": number_format(upload.size, force_grouping=True),
                    "limit": number_format(MAX_UPLOAD_BYTES, force_grouping=True),
                }
            )
        return upload


class ApplyForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    publish = forms.BooleanField(
        required=False,
        label=gettext_lazy("Publish them"),
        help_text=gettext_lazy(
            "Without this, the sessions created or updated are saved as "
            "drafts, not shown on the public programme until they are published."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal = importer.publish_refusal(event)
        if self.refusal:
            self.fields["publish"].widget.attrs["disabled"] = True
            self.fields["publish"].help_text = self.refusal

    def clean_publish(self):
        if self.cleaned_data["publish"] and self.refusal:
            raise forms.ValidationError(self.refusal)
        return self.cleaned_data["publish"]


class ImportView(EventAdminView):
    """Upload, preview (nothing written), apply."""

    template_name = "sessions/admin/import.html"
    header_icon = "upload"
    title = gettext_lazy("Import sessions")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(upload=UploadForm()))

    def post(self, request, *args, **kwargs):
        if "apply" in request.POST:
            return self.apply()
        return self.upload()

    def upload(self):
        upload = UploadForm(self.request.POST, self.request.FILES)
        context = {"upload": upload}
        if upload.is_valid():
            programme = upload.cleaned_data["programme"]
            try:
                header, rows = importer.read_file(programme, programme.name)
            except importer.ImportRefused as refusal:
                context["refusal"] = refusal
            else:
                token = uuid.uuid4().hex
                self.request.session[kept_key(self.event)] = {
                    "token": token,
                    "name": programme.name,
                    "header": header,
                    "rows": rows,
                }
                context.update(
                    self.preview(header, rows, programme.name),
                    apply=ApplyForm(initial={"token": token}, event=self.event),
                    upload=UploadForm(),
                )
        return self.render_to_response(self.get_context_data(**context))

    def apply(self):
        form = ApplyForm(self.request.POST, event=self.event)
        kept = self.request.session.get(kept_key(self.event))
        if kept is None or kept["token"] != form.data.get("token"):
            messages.error(
                self.request,
                _(
                    "That preview is no longer kept (another file was previewed "
                    "since, or you signed out): upload the file again."
                ),
            )
            return redirect(self.request.path)
        header, rows = kept["header"], [tuple(row) for row in kept["rows"]]
        context = {"upload": UploadForm(), "apply": form}
        if form.is_valid():
            publish = form.cleaned_data["publish"]
            try:
                report = importer.import_table(
                    self.event, header, rows, publish=publish
                )
            except importer.PublishRefused as refusal:
                form.add_error("publish", str(refusal))
            except importer.ImportRefused as refusal:
                # The programme changed since the preview: show the rows anew.
                context["refusal"] = refusal
            else:
                del self.request.session[kept_key(self.event)]
                self.report(report)
                return redirect(self.request.path)
        context.update(self.preview(header, rows, kept["name"]))
        return self.render_to_response(self.get_context_data(**context))

    def preview(self, header, rows, name):
        previews = importer.preview(self.event, header, rows)
        refused = [row for row in previews if row.problems]
        return {
            "name": name,
            "previews": previews,
            "refused_count": len(refused),
            "counts": {
                outcome: sum(1 for row in previews if row.outcome == outcome)
                for outcome in ("created", "updated", "unchanged")
            },
        }

    def report(self, report):
        created, updated = report.count("created"), report.count("updated")
        counts = {"created": created, "updated": updated}
        if not report.written():
            text = _("Nothing to change: every session is as the file says.")
        elif report.published:
            text = (
                ngettext(
                    "%(created)s session created and %(updated)s updated, and "
                    "published.",
                    "%(created)s sessions created and %(updated)s updated, and "
                    "published.",
                    created,
                )
                % counts
            )
        else:
            text = (
                ngettext(
                    "%(created)s session created and %(updated)s updated, as drafts: "
                    "they are not on the public programme until you publish them.",
                    "%(created)s sessions created and %(updated)s updated, as drafts: "
                    "they are not on the public programme until you publish them.",
                    created,
                )
                % counts
            )
        unchanged = report.count("unchanged")
        if unchanged and report.written():
            text += " " + ngettext(
                "%(count)s unchanged.", "%(count)s unchanged.", unchanged
            ) % {"count": unchanged}
        messages.success(
            self.request,
            text,
            buttons=[
                messages.button(
                    reverse("event_sessions", args=[self.event.pk]),
                    _("See the sessions"),
                )
            ],
        )
