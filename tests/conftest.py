"""Fixtures for the tests here that run the site in other threads or processes (browser, servers)."""
