"""The headless front end: ``lswtui vps ...`` for shells and scripts.

A sibling of :mod:`lswtui.tui`: the same core (session, flows, rules, runner, action log)
driven by command-line arguments instead of keys. It never imports Textual, the TUI or the
simulator, so ``lswtui vps list`` starts fast.
"""
