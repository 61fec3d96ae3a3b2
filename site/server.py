"""`python -m convening.server [daphne's flags]`: daphne serving the site as every run
mode does (make run, deploy/run-scaled, tests/servers.py).

Daphne lets a websocket message reach 1 MiB and, past it, autobahn drops the TCP
connection: the browser sees 1006 and no reason. Here a message or frame over 64 KiB
(the most that QA_MAX_FRAME_CHARS characters take in UTF-8) is refused with a close
frame, 1009 and autobahn's reason, before any of it reaches the application.

`--publish-scheduled-every SECONDS` (make run passes 30) also runs scheduled publishing
in this process (convening.scheduler), once the server is up; the scaled mode runs it in
its worker instead, so that only one process publishes."""

import argparse
import sys

from daphne.cli import CommandLineInterface
from daphne.server import Server

APPLICATION = "convening.asgi:application"
MAX_WEBSOCKET_BYTES = 64 * 1024


class ClosingServer(Server):
    """Fails a websocket with a closing handshake, not by dropping the connection."""

    publish_scheduled_every = None  # seconds, or None: this process does not publish

    def __init__(self, *args, ready_callable=None, **kwargs):
        def ready():
            # The factory exists by now and no connection has been made yet: each
            # connection copies the factory's options when it opens.
            self.ws_factory.setProtocolOptions(failByDrop=False)
            if self.publish_scheduled_every:
                # Django is set up by now: daphne loaded the application first.
                from convening import scheduler

                scheduler.start_thread(self.publish_scheduled_every)
            if ready_callable:
                ready_callable()

        super().__init__(*args, ready_callable=ready, **kwargs)


class Launcher(CommandLineInterface):
    server_class = ClosingServer


def main(argv):
    ours = argparse.ArgumentParser(add_help=False)
    ours.add_argument("--publish-scheduled-every", type=float, default=None)
    known, argv = ours.parse_known_args(argv)
    ClosingServer.publish_scheduled_every = known.publish_scheduled_every
    limits = [
        f"--websocket-max-message-size={MAX_WEBSOCKET_BYTES}",
        f"--websocket-max-frame-size={MAX_WEBSOCKET_BYTES}",
    ]
    Launcher().run([*limits, *argv, APPLICATION])


if __name__ == "__main__":
    main(sys.argv[1:])
