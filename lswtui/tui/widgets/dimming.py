"""Dimming a style so it reads as faded in every theme: blended colours, or the dim attribute."""

from __future__ import annotations

from rich.color import ColorType
from rich.style import Style
from textual.filter import dim_color

_BLENDABLE = (ColorType.TRUECOLOR, ColorType.EIGHT_BIT)
_DIM = Style(dim=True)
FADE = 0.5  # share of the text colour kept; the rest is background (Textual's DimFilter)


def dimmed(style: Style) -> Style:
    """``style`` with its text blended towards its background, or marked dim for the terminal.

    A theme colour such as ``$text-muted`` is *brighter* than the text on some backgrounds;
    blending the segment's own colours always lowers the contrast. ANSI and default colours
    cannot be blended (the terminal's palette is unknown), so they get the dim attribute, which
    NO_COLOR keeps too.
    """
    color, background = style.color, style.bgcolor
    if color and background and color.type in _BLENDABLE and background.type in _BLENDABLE:
        return style + Style(color=dim_color(background, color, FADE))
    return style + _DIM
