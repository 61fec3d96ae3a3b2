"""docs/programme-import-example.csv, which the importer's tests (the command's and the
admin screen's) read, and the rooms it books."""

import csv
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "programme-import-example.csv"
EXAMPLE_ROOMS = ["Assembly Hall", "Room XVII", "Room XVIII"]


def example_rows():
    with EXAMPLE.open(newline="", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))
