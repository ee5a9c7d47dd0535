"""The detail tabs, in order (keys 1-6): their ids and labels.

Apart from the command registry, so that the panes can name their tabs without importing the
action catalogue (and with it the flows).
"""

TABS = (
    ("overview", "Overview"),
    ("ips", "IPs"),
    ("credentials", "Credentials"),
    ("snapshots", "Snapshots"),
    ("iso", "ISO"),
    ("traffic", "Traffic"),
)
