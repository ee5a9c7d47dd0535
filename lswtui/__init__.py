"""lswtui: a terminal UI for Leaseweb VPS servers."""

__version__ = "0.1.0"
