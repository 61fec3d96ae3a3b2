import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
# Run from the source tree without collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
# One process under `make run`: mail is sent inline, after commit, with no worker.
# `make run-scaled` starts a db_worker and queues in the database as production does.
if os.environ.get("BACKGROUND_TASKS") != "database":
    TASKS["background"] = INLINE_TASKS  # noqa: F405
# Served on whatever host and port it was started on: the page's own origin is allowed.
WEBSOCKET_ORIGIN_FROM_HOST = True
