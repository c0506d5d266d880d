"""Fitting a chart's words into its figure: text measured in points, labels wrapped to the room
they have, the legend's columns, and the height left for the plot.

The window's chart can be small (1024×600 with the largest text leaves it about 900×230
pixels) and the report's is not: the chart functions ask here how much room there is rather
than assume it. The layout engine (constrained layout) then sets the margins from the words
actually drawn; this module only makes sure the words can fit at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path

LINE_SPACING = 1.2  # matplotlib's, as a multiple of the font size
TICK_PT = 7.0  # tick length and the gap to its label (3.5 + 3.5)
PAD_PT = 3.0  # constrained layout's padding around the axes, each side
# The legend's own measures, in font sizes (matplotlib's defaults).
HANDLE, HANDLE_GAP, COLUMN_GAP, BORDER, ROW_GAP = 2.0, 0.8, 2.0, 0.4, 0.5


@lru_cache(maxsize=2048)
def _line_width_pt(line: str, size: float) -> float:
    width, _, _ = text_to_path.get_text_width_height_descent(
        line, FontProperties(size=size), ismath=False
    )
    return float(width)


def width_pt(text: str, size: float) -> float:
    """The width of `text`'s widest line at `size` points, in points."""
    return max(_line_width_pt(line, size) for line in text.split("\n"))


def height_pt(lines: int, size: float) -> float:
    return lines * size * LINE_SPACING


def wrap(text: str, room_pt: float, size: float) -> str:
    """`text` with its words put on lines no wider than `room_pt` (a word wider than that
    stays whole on a line of its own); its own line breaks kept."""
    wrapped: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            longer = f"{line} {word}" if line else word
            if line and _line_width_pt(longer, size) > room_pt:
                wrapped.append(line)
                line = word
            else:
                line = longer
        wrapped.append(line)
    return "\n".join(wrapped)


def fitting_size(texts: Sequence[str], room_pt: float, size: float, smallest: float) -> float:
    """The font size, at most `size` and at least `smallest`, at which every line of `texts`
    fits `room_pt` (what still does not fit at `smallest` is for `wrap`)."""
    lines = [line for text in texts for line in text.split("\n") if line]
    if not lines:
        return size
    widest = max(_line_width_pt(line, size) for line in lines)
    return max(smallest, min(size, size * room_pt / widest)) if widest else size


def legend_columns(labels: Sequence[str], size: float, room_pt: float) -> int:
    """How many columns a legend of `labels` can have in `room_pt` (at least one). Entries
    fill the columns top to bottom, the first columns one longer, as matplotlib's do."""
    widths = [width_pt(label, size) + (HANDLE + HANDLE_GAP) * size for label in labels]
    for columns in range(len(labels), 1, -1):
        rows, longer = divmod(len(labels), columns)
        start, total = 0, 2 * BORDER * size + (columns - 1) * COLUMN_GAP * size
        for column in range(columns):
            count = rows + (1 if column < longer else 0)
            if count:
                total += max(widths[start : start + count])
            start += count
        if total <= room_pt:
            return columns
    return 1


def legend_height_pt(entries: int, columns: int, size: float) -> float:
    rows = math.ceil(entries / columns) if entries else 0
    if not rows:
        return 0.0
    return height_pt(rows, size) + (rows - 1) * ROW_GAP * size + 2 * BORDER * size + 2 * PAD_PT


def plot_height_pt(figure_height_pt: float, *above_and_below: float) -> float:
    """What is left for the plot of a figure this tall once the blocks above and below it (each
    in points) and the layout's padding are taken."""
    return figure_height_pt - sum(above_and_below) - 4 * PAD_PT


def tick_step(plot_pt: float, span: float, size: float, steps: Sequence[int] = (2, 5, 10)) -> int:
    """The smallest step of `steps` whose labels, one line of `size` each, stand apart on a
    plot `plot_pt` tall that shows `span` units."""
    for step in steps:
        if plot_pt * step / span >= size * LINE_SPACING * 1.25:
            return step
    return steps[-1]
