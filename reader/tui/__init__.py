"""The terminal reader (Textual). Only ``reader`` with no command imports this package."""
