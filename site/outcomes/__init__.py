"""Outcomes: the page that closes an event (key messages, recommendations, documents),
its participation statistics, its open data, and the feed of outcomes and reports."""
