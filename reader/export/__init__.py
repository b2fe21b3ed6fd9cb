"""Writers of what leaves the library: highlights (Markdown, W3C Web Annotation JSON-LD, Readwise CSV)."""
