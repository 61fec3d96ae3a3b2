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
    # The claim this figure checks, as a ratio to the floor or an absolute ceiling.
    max_ratio: float | None = None
    max_value: float | None = None

    @property
    def ratio(self):
        return self.value / self.floor if self.floor else float("inf")

    @property
    def met(self):
        ratio_ok = self.max_ratio is None or self.ratio <= self.max_ratio
        value_ok = self.max_value is None or self.value <= self.max_value
        return ratio_ok and value_ok

    def line(self):
        floor = number(self.floor) + (f" {self.floor_name}" if self.floor_name else "")
        targets = [f"ratio <= {self.max_ratio:g}"] if self.max_ratio is not None else []
        if self.max_value is not None:
            targets.append(f"<= {self.max_value:g} {self.unit}")
        verdict = f" [{'ok' if self.met else 'MISS'}: {', '.join(targets)}]"
        return (
            f"{self.name}: {number(self.value)} {self.unit} "
            f"(floor: {floor}, ratio: {self.ratio:.2f}x)" + (verdict if targets else "")
        )


def save(figures, meta):
    rows = [{**asdict(f), "ratio": round(f.ratio, 3), "met": f.met} for f in figures]
    RESULTS.write_text(json.dumps({"meta": meta, "figures": rows}, indent=2) + "\n")
