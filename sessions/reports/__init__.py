"""Session reports: the rapporteur's page under each session (models), the rules for
starting, reminding and reviewing them (services), the organisers' screens
(admin_views) and the report form (forms). Kept light: the programme's models import
this package while they load."""
