"""Form helpers with no domain in them."""

from django import forms


class ErrorsTiedForm(forms.Form):
    """Each field with an error points at its message, so screen readers say it."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in [field] if field else []:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "aria-invalid": "true",
                        "aria-describedby": f"{self[name].auto_id}-error",
                    }
                )
