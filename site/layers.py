"""The in-memory channel layer of the embedded mode, with its expiry sweep at most once
a second: Channels' own sweeps every channel and group member on every receive, so one
broadcast to n viewers costs n sweeps of n entries."""

import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    swept = 0.0

    def _clean_expired(self):
        now = time.monotonic()
        if now - self.swept >= 1:
            self.swept = now
            super()._clean_expired()
