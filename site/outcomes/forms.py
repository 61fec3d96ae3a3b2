from wagtail.admin.forms import WagtailAdminPageForm

from sessions.models import ReportTakeaway


class OutcomePageForm(WagtailAdminPageForm):
    """Key messages start from the takeaways of this event's published reports."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.parent_page or self.instance.get_parent()
        takeaways = ReportTakeaway.objects.filter(
            report__live=True, report__path__startswith=event.path
        ).order_by("report__path", "sort_order")
        formset = self.formsets["key_messages"]
        add_fields = formset.add_fields

        # Every form of the formset, the blank template row too, is built through
        # add_fields, so the choices are narrowed there.
        def add_fields_for_event(form, index):
            add_fields(form, index)
            form.fields["takeaway"].queryset = takeaways

        formset.add_fields = add_fields_for_event
