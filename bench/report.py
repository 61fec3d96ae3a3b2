"""Figures, printed as `name: value unit (floor: value, ratio: x)` and saved as JSON."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")


def number(value):
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    floor: float
    floor_name: str = ""
    # The claim this figure checks: bounds on the ratio to the floor or on the value.
    max_ratio: float | None = None
    max_value: float | None = None
    min_ratio: float | None = None
    min_value: float | None = None
    void: str = ""  # why the floor makes this run prove nothing

    @property
    def ratio(self):
        return self.value / self.floor if self.floor else float("inf")

    def checks(self):
        """(text, holds) for each bound this figure carries."""
        bounds = [
            ("ratio <=", self.max_ratio, lambda b: self.ratio <= b, ""),
            ("<=", self.max_value, lambda b: self.value <= b, self.unit),
            ("ratio >=", self.min_ratio, lambda b: self.ratio >= b, ""),
            (">=", self.min_value, lambda b: self.value >= b, self.unit),
        ]
        return [
            (f"{op} {number(bound)} {unit}".strip(), holds(bound))
            for op, bound, holds, unit in bounds
            if bound is not None
        ]

    @property
    def met(self):
        return not self.void and all(holds for _, holds in self.checks())

    def line(self):
        floor = number(self.floor) + (f" {self.floor_name}" if self.floor_name else "")
        checks = self.checks()
        verdict = (
            f" [{'ok' if self.met else 'MISS'}: {', '.join(t for t, _ in checks)}]"
            if checks
            else ""
        )
        return (
            f"{self.name}: {number(self.value)} {self.unit} "
            f"(floor: {floor}, ratio: {self.ratio:.2f}x){verdict}"
            + (f" VOID: {self.void}" if self.void else "")
        )


def save(figures, meta):
    rows = [{**asdict(f), "ratio": round(f.ratio, 3), "met": f.met} for f in figures]
    RESULTS.write_text(json.dumps({"meta": meta, "figures": rows}, indent=2) + "\n")
