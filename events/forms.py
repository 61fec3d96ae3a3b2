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
