"""The event page's admin form, posted as an organiser would."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def post_event_form(
    client, event, quotas=(), *, initial=0, publish=True, follow=False, **fields
):
    """Posts `event`'s edit form, published or (publish=False) saved as a draft: its
    own title, slug and summary, 12-14 May 2031 in UTC, automatic in-person
    registration, the quota rows `quotas` (the first `initial` of them the event's own)
    and `fields` over all that (None leaves a field out)."""
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": "forum",
        "start_date": "2031-05-12",
        "end_date": "2031-05-14",
        "time_zone": "UTC",
        "summary": event.summary,
        "report_due_days": 14,
        "session_minutes": 90,
        "body": streamfield([]),
        "partners": inline_formset([]),
        "quotas": inline_formset(list(quotas), initial=initial),
        "registration_mode": "automatic",
        "registration_in_person": "on",
        **({"action-publish": "action-publish"} if publish else {}),
        **fields,
    }
    return client.post(
        f"/admin/pages/{event.pk}/edit/",
        nested_form_data({k: v for k, v in data.items() if v is not None}),
        follow=follow,
    )
