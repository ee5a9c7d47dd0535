"""VPS actions: the flows that gather input and confirmation, and the runner that sends them."""
