"""Benchmarks: each prints its figures beside the baseline it is compared with, in one run."""
