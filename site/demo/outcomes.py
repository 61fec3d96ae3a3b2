"""The past conference's session reports, outcome summary and participants."""

from convening.demo.loader import read

_data = read("outcomes.yaml")
EVENT = _data["event"]
REPORTS = _data["reports"]
OUTCOME = _data["outcome"]
ATTENDEES = _data["attendees"]
ATTENDANCE = _data["attendance"]
