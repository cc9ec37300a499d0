"""Build-time benchmark of the site against vanilla Pelican and Hugo (`make bench`).

A benchmark, never a test: figures move with the machine's load.
"""
