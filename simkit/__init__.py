"""simkit: training and simulation kit on service ethics for the civil service of Kazakhstan."""

__version__ = "0.1.0"
