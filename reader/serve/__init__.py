"""``reader serve``: the library, read-only, to phones on the local network (no Textual here).

``site`` answers requests (routes, token, headers), ``pages`` writes the HTML, ``server`` is the
socket side (binding, limits, the background thread, the record ``reader qr --lan`` reads).
"""
