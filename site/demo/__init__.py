"""The demo site as data: YAML files and Markdown texts under `data/`, read by
`loader`; `content`, `outcomes` and `qa` hold what `manage.py seed_demo` builds."""
