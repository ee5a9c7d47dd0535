"""UI-free logic shared by the TUI: fleet diffing, filtering, formatting, the action log.

Nothing here imports Textual, so it is cheap to import and test.
"""
