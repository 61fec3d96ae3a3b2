from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    def is_valid(self):
        # Checked once the quota rows are cleaned (after the page form's own clean):
        # the formset catches a group given twice, not two rows without a group.
        valid = super().is_valid()
        pools = [
            form
            for form in self.formsets["quotas"].forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and not form.cleaned_data.get("group")
        ]
        if valid and len(pools) > 1:
            self.add_error(
                None,
                "An event has one open pool: leave the group empty on one quota only.",
            )
            return False
        return valid


class OutcomePageForm(WagtailAdminPageForm):
    """Key messages start from the takeaways of this event's published reports."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sessions.models import ReportTakeaway  # sessions imports events

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
