from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from events.services import real_time_zones


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.fields.get("time_zone")
        if zone is not None:
            names = real_time_zones()
            current = self.instance.time_zone if self.instance.pk else None
            if current and current not in names:
                names.append(current)  # an event made before keeps its zone
            zone.choices = [(name, name) for name in names]

    def is_valid(self):
        # Checked once the quota rows are cleaned (after the page form's own clean).
        valid = super().is_valid()
        quotas = self.formsets["quotas"]
        rows = [
            form
            for form in quotas.forms
            if form.has_changed() or form.instance.pk
            if not (form.cleaned_data or {}).get("DELETE")
        ]
        # The instance, not cleaned_data: Django's unique check drops the group from
        # the second row's cleaned_data.
        seen, twice = set(), []
        for form in rows:
            group = form.instance.group if form.instance.group_id else None
            if group is not None and group in seen:
                if group not in twice:
                    twice.append(group)
                form._errors[NON_FIELD_ERRORS] = form.error_class(
                    [_("%(group)s already has a quota above.") % {"group": group}]
                )
            seen.add(group)
        if twice:
            # Instead of Django's "Please correct the duplicate data for group".
            quotas._non_form_errors = ErrorList(
                [
                    _(
                        "Only one quota per stakeholder group: %(group)s appears "
                        "twice. Change its seats on one row and delete the other."
                    )
                    % {"group": group}
                    for group in twice
                ]
            )
            valid = False
        if sum(1 for form in rows if not form.instance.group_id) > 1:
            self.add_error(
                None,
                _(
                    "An event has one open pool: leave the group empty on one quota "
                    "only."
                ),
            )
            valid = False
        return valid
