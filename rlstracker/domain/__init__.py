"""The plain-Python core: the diary's records, magnesium forms, the titration guide, analysis.

Nothing here imports Qt, matplotlib or sqlite3, or reads the clock: "today" is always an argument.
"""
