"""programme.ics, schedule.xml and schedule.json of a 1,000-session forum: queries at
two sizes, then server time rendered afresh and from the page cache, each against a
static file of the same bytes from the same daphne process."""

from pathlib import Path

from bench.environment import daphne
from bench.forum import forum
from bench.load import Stream, side_by_side
from bench.programme import count_queries
from bench.report import Figure

EXPORTS = ["programme.ics", "schedule.xml", "schedule.json"]


def run(env, *, quick):
    from django.conf import settings

    small, large = (50, 200) if quick else (50, 1000)
    fresh_requests, cached_requests = (5, 30) if quick else (10, 100)
    floors, figures = {}, []
    for name in EXPORTS:
        queries_small, _ = count_queries(forum(small).url + name)
        queries, body = count_queries(forum(large).url + name)
        figures.append(
            Figure(
                f"{name}.queries.{large}",
                queries,
                "queries",
                queries_small,
                f"at {small} sessions",
                max_ratio=1,
            )
        )
        floor = f"bench-floor-{large}-{name}"
        (Path(settings.STATIC_ROOT) / floor).write_bytes(body)
        floors[name] = f"{settings.STATIC_URL}{floor}"

    with daphne(env) as base:
        for name in EXPORTS:
            path, floor = forum(large).url + name, Stream(floors[name])
            fresh, cpu = side_by_side(
                base,
                {"floor": floor, "fresh": Stream(lambda n, p=path: f"{p}?n={n}")},
                requests=fresh_requests,
                warmup=1,
            )
            cached, cached_cpu = side_by_side(
                base, {"floor": floor, "cached": Stream(path)}, requests=cached_requests
            )
            assert fresh["fresh"].statuses == cached["cached"].statuses == {200}
            label = f"{name}.{large}"
            figures += [
                Figure(
                    f"{label}.uncached",
                    fresh["fresh"].median_ms,
                    "ms",
                    fresh["floor"].median_ms,
                    "static file",
                    max_value=300,
                ),
                Figure(
                    f"{label}.cached",
                    cached["cached"].median_ms,
                    "ms",
                    cached["floor"].median_ms,
                    "static file",
                    max_value=300,
                ),
                Figure(
                    f"{label}.client_cpu",
                    100 * max(cpu, cached_cpu),
                    "% of a core",
                    100,
                    "one core",
                ),
            ]
    return figures
