"""The detail tabs of the selected VPS. Each pane loads its data in a worker when shown."""
