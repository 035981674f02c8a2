"""The two consoles: data on stdout, progress, tables for people and errors on stderr."""
from rich.console import Console

err_console = Console(stderr=True)
