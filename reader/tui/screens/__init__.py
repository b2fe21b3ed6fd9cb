"""Screens of the terminal reader, one module each."""
