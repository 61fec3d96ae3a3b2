"""Live Q&A for the demo: the forum's moderator account and the boards by event."""

from convening.demo.loader import read

_data = read("qa.yaml")
MODERATOR = _data["moderator"]
BOARDS = _data["boards"]
