"""The load generator: sequential requests over one keep-alive connection, so each
latency is the server's time plus loopback, and the client's own CPU share is known.
Streams measured together are interleaved request by request, so a neighbour's load on
this shared machine falls on the figure and its floor alike."""

import http.client
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Timing:
    median_ms: float
    statuses: set


@dataclass
class Stream:
    path: object  # a str, or a function of the request number
    headers: dict | None = None

    def request(self, n):
        path = self.path(n) if callable(self.path) else self.path
        return path, {"Accept-Encoding": "identity", **(self.headers or {})}


def connect(base):
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def side_by_side(base, streams, *, requests, warmup=10):
    """{name: Timing} for each of `streams` ({name: Stream}), and the client's CPU
    seconds over wall seconds."""
    conn = connect(base)
    latencies = {name: [] for name in streams}
    statuses = {name: set() for name in streams}
    try:
        for n in range(-warmup, requests):
            for name, stream in streams.items():
                path, headers = stream.request(n)
                start = time.perf_counter()
                if n == 0 and name == next(iter(streams)):
                    cpu0, wall0 = time.process_time(), start
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if n >= 0:
                    latencies[name].append((time.perf_counter() - start) * 1000)
                    statuses[name].add(response.status)
        cpu_share = (time.process_time() - cpu0) / (time.perf_counter() - wall0)
    finally:
        conn.close()
    timings = {
        name: Timing(statistics.median(values), statuses[name])
        for name, values in latencies.items()
    }
    return timings, cpu_share


def fetch(base, path, *, headers=None):
    conn = connect(base)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    finally:
        conn.close()
