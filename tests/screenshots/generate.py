"""Regenerate ``screenshots/``: every scene of ``scenes.py`` as SVG (Textual) and PNG (cairosvg).

    pip install -e '.[test,screenshots]' && python -m tests.screenshots.generate

Options: scene names to render only those; ``--out DIR`` (default: the repo's screenshots/).
The PNGs are drawn in DejaVu Sans Mono (Debian: fonts-dejavu-core, libcairo2), so that the
columns line up without the Fira Code font the SVGs ask for.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parents[2] / "screenshots"
# Set by a user's shell, these change the colours; Textual reads TEXTUAL_THEME at import.
COLOUR_ENV = ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM")

_FIRA = re.compile(r'font-family:\s*(?:"Fira Code"|Fira Code)(?:,\s*monospace)?')
# Rich lays cells out 0.61 em apart; DejaVu Sans Mono advances 1233/2048 em. cairo ignores the
# SVG's textLength, so without this spacing long runs drift left of their columns.
_FONT_SIZE = re.compile(r"font-size: (\d+(?:\.\d+)?)px;")


def _cell_spacing(match: re.Match[str]) -> str:
    size = float(match.group(1))
    return f"{match.group(0)} letter-spacing: {size * (0.61 - 1233 / 2048):.3f}px;"


# cairo draws each <text> in one font, without fallback: DejaVu Sans Mono has no braille
# (the traffic chart), DejaVu Sans has, and the cell width is fixed by Rich's textLength.
_BRAILLE_RUN = re.compile(r"<text ([^>]*)>([^<]*[\u2800-\u28ff][^<]*)</text>")
# No installed font has this emoji (the command palette's search icon): draw a look-alike.
_NO_GLYPH = {"🔎": "⌕"}


def svg_to_png(svg: str) -> bytes:
    import cairosvg

    svg = _FIRA.sub('font-family: "DejaVu Sans Mono", monospace', svg)
    svg = _FONT_SIZE.sub(_cell_spacing, svg, count=1)  # the first is the terminal matrix's
    svg = _BRAILLE_RUN.sub(r'<text style="font-family: DejaVu Sans" \1>\2</text>', svg)
    for missing, stand_in in _NO_GLYPH.items():
        svg = svg.replace(missing, stand_in)
    return cairosvg.svg2png(bytestring=svg.encode())


async def capture(scene, out_dir: Path, audit_dir: Path) -> Path:
    app, run_before = scene.stage(audit_dir)
    async with app.run_test(size=scene.size, notifications=True) as pilot:
        await run_before(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        return Path(app.save_screenshot(filename=f"{scene.name}.svg", path=str(out_dir)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="scenes to render (default: all)")
    parser.add_argument(
        "--out", type=Path, default=OUT_DIR, help=f"output directory (default {OUT_DIR})"
    )
    args = parser.parse_args(argv)
    for var in COLOUR_ENV:
        os.environ.pop(var, None)

    from textual.widgets import Input

    from tests.screenshots.scenes import SCENES

    unknown = sorted(set(args.names) - SCENES.keys())
    if unknown:
        parser.error(f"unknown scene(s) {', '.join(unknown)}; known: {', '.join(SCENES)}")
    Input._toggle_cursor = lambda self: None  # a frozen cursor, as in the snapshot tests
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as audit_dir:
        for name in args.names or SCENES:
            svg = asyncio.run(capture(SCENES[name], args.out, Path(audit_dir)))
            svg.with_suffix(".png").write_bytes(svg_to_png(svg.read_text(encoding="utf-8")))
            print(f"{svg.relative_to(args.out.parent) if args.out == OUT_DIR else svg} (+ .png)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
