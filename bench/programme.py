"""The programme page at two sizes: query count, then server time uncached, cached and
for a conditional request, each against a static file of the same size from the same
daphne process. Requests ask for gzip, as browsers do."""

import gzip
from pathlib import Path

from bench.environment import daphne
from bench.forum import forum
from bench.load import Stream, fetch, side_by_side
from bench.report import Figure

GZIP = {"Accept-Encoding": "gzip"}  # as every browser asks


def count_queries(path):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from toolkit import page_cache

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(
        path
    )  # per-process caches (content types, site root) are warm in service
    page_cache.invalidate()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(queries), response.content


def run(env, *, quick):
    from django.conf import settings

    sizes, requests = ((50, 200), 60) if quick else ((50, 1000), 300)
    pages = {}
    for size in sizes:
        path = forum(size).url + "programme/"
        queries, body = count_queries(path)
        floor_name = f"bench-floor-{size}.html"
        # The floor: the same bytes as a static file, written before daphne starts,
        # with the compressed copy WhiteNoise serves to browsers that accept gzip.
        floor_file = Path(settings.STATIC_ROOT) / floor_name
        floor_file.write_bytes(body)
        floor_file.with_name(floor_name + ".gz").write_bytes(gzip.compress(body))
        pages[size] = (path, queries, f"{settings.STATIC_URL}{floor_name}")

    figures = []
    base_queries = pages[sizes[0]][1]
    with daphne(env) as base:
        for size, (path, queries, static) in pages.items():
            figures.append(
                Figure(
                    f"programme.queries.{size}",
                    queries,
                    "queries",
                    base_queries,
                    f"at {sizes[0]} sessions",
                    max_ratio=1,
                    max_value=12,
                )
            )
            etag = fetch(base, path, headers=GZIP)[1]["ETag"]
            static_etag = fetch(base, static, headers=GZIP)[1]["ETag"]
            # Rendering is measured in fewer rounds: at 1,000 sessions each takes
            # half a second, and the figure has no target.
            fresh, fresh_cpu = side_by_side(
                base,
                {
                    "floor": Stream(static, GZIP),
                    "uncached": Stream(lambda n, path=path: f"{path}?n={n}", GZIP),
                },
                requests=max(10, requests // 10),
                warmup=2,
            )
            t, client_cpu = side_by_side(
                base,
                {
                    "floor": Stream(static, GZIP),
                    "cached": Stream(path, GZIP),
                    "304": Stream(path, {**GZIP, "If-None-Match": etag}),
                    "floor 304": Stream(static, {**GZIP, "If-None-Match": static_etag}),
                },
                requests=requests,
            )
            assert t["304"].statuses == t["floor 304"].statuses == {304}
            assert fresh["uncached"].statuses == t["cached"].statuses == {200}
            floor, floor_304 = t["floor"].median_ms, t["floor 304"].median_ms
            name = f"programme.{size}"
            figures += [
                Figure(
                    f"{name}.uncached",
                    fresh["uncached"].median_ms,
                    "ms",
                    fresh["floor"].median_ms,
                    "static file",
                ),
                Figure(
                    f"{name}.cached",
                    t["cached"].median_ms,
                    "ms",
                    floor,
                    "static file",
                    max_ratio=3,
                ),
                Figure(
                    f"{name}.304", t["304"].median_ms, "ms", floor_304, "static 304"
                ),
                Figure(
                    f"{name}.client_cpu",
                    100 * max(client_cpu, fresh_cpu),
                    "% of a core",
                    100,
                    "one core",
                ),
            ]
    return figures
