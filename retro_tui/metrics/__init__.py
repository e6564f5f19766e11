"""Metrics from shop exports: the catalogue (data), reading files, computing, filling workbooks.

pandas (and pyarrow, python-calamine) are imported only inside the functions that read and
compute, so nothing here slows the app's start or `retro export`.
"""
