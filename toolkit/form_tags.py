"""Template filters for templates/includes/form_fields.html (registered as the
`form_fields` library in settings)."""

from django import template

register = template.Library()


@register.filter
def first_error(form):
    """The name of the first field, in the form's order, with an error: the page
    opens with the focus on it."""
    return next((name for name in form.fields if name in form.errors), "")


@register.filter
def autofocused(field):
    """The field's widget with autofocus; Django still adds its aria attributes."""
    return field.as_widget(attrs={"autofocus": True})
