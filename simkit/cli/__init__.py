"""The ``simkit`` command line."""
