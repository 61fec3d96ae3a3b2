"""The report page's admin form: its Q&A highlights offer only what the public saw,
its quoted polls only the session's closed ones."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel

from sessions.polls.models import Poll
from sessions.qa.models import Question


class QAHighlightForm(WagtailAdminModelForm):
    """One Q&A highlight of a report. It offers, and accepts, only the questions the
    public saw in the report's own session: pending and hidden ones stay out."""

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        field.queryset = Question.objects.filter(
            session_id=session.pk if session else None, status__in=Question.PUBLIC
        ).order_by("-votes", "created_at")
        field.label_from_instance = question_label
        field.error_messages["invalid_choice"] = _(
            "Choose a question that was shown or answered in this session's Q&A."
        )


def question_label(question):
    values = {"text": question.text[:120], "count": question.votes}
    if question.status == question.Status.ANSWERED:
        return (
            ngettext(
                "%(text)s (%(count)s vote, answered)",
                "%(text)s (%(count)s votes, answered)",
                question.votes,
            )
            % values
        )
    return (
        ngettext(
            "%(text)s (%(count)s vote)", "%(text)s (%(count)s votes)", question.votes
        )
        % values
    )


class PollHighlightForm(WagtailAdminModelForm):
    """One poll quoted in a report: only the report's own session's closed polls."""

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["poll"]
        field.queryset = Poll.objects.filter(
            session_id=session.pk if session else None, status=Poll.Status.CLOSED
        )
        field.label_from_instance = poll_label
        field.error_messages["invalid_choice"] = _(
            "Choose a poll of this session that has closed."
        )


def poll_label(poll):
    answers = (poll.final_results or {}).get("answers", 0)
    return ngettext(
        "%(question)s (%(count)s answer)", "%(question)s (%(count)s answers)", answers
    ) % {"question": poll.question[:120], "count": answers}


class HighlightsPanel(InlinePanel):
    """An InlinePanel whose rows are `form`s (QAHighlightForm, PollHighlightForm),
    each given the report's session by the page form (modelcluster's
    `inherit_kwargs`), the empty row for "Add" too."""

    def __init__(self, *args, form=None, **kwargs):
        self.row_form = form
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "form": self.row_form}

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(
            form=self.row_form, inherit_kwargs=["session"]
        )
        return options


class SessionReportPageForm(WagtailAdminPageForm):
    def __init__(self, *args, parent_page=None, **kwargs):
        # Set before the formsets are built: their rows read it.
        instance = kwargs.get("instance")
        self.session = parent_page or (
            instance.get_parent() if instance is not None and instance.pk else None
        )
        super().__init__(*args, parent_page=parent_page, **kwargs)
