"""RLS Tracker: a diary and a cautious guide for trying magnesium for restless legs."""

__version__ = "0.1.0"
APP_ID = "io.github.rlstracker.RLSTracker"  # not user text: the app's id
APP_NAME = "RLS Tracker"  # not user text: the app's name, the same in every language
