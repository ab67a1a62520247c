"""Tests of the HTTP server against real `fentkg serve` processes (issue 4)."""
