"""RLS Tracker: a diary and a cautious guide for trying magnesium for restless legs."""

__version__ = "0.1.0"
APP_ID = "io.github.rlstracker.RLSTracker"
APP_NAME = "RLS Tracker"
