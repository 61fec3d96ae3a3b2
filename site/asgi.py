import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convening.settings.dev")
# Django must be set up before the consumers (and their models) are imported.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from convening.origins import SameOriginValidator  # noqa: E402
from convening.routing import websocket_urlpatterns  # noqa: E402
from participants.middleware import WebsocketTwoFactorMiddleware  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SameOriginValidator(
            AuthMiddlewareStack(
                WebsocketTwoFactorMiddleware(URLRouter(websocket_urlpatterns))
            )
        ),
    }
)

# What is loaded by now lives as long as the process: keep it out of the collector's
# full passes, which otherwise walk all of Django and Wagtail again and again while a
# large page is built (a quarter of a 1,000-session export's time, measured in bench/).
gc.freeze()
