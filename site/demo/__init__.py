"""The demo site as data: YAML files and Markdown texts under `data/`, read by
`loader`; `content`, `outcomes` and `qa` hold what `manage.py seed_demo` builds."""


def publish(parent, page):
    """`page` added under `parent` and published: its first revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
