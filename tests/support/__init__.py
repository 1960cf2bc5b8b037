"""Shared test support: local servers and fakes that stand in for the outside world."""
