"""Helpers shared by the tests: a local HTTP server, a real feed reader."""
