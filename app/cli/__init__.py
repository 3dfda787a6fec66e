"""Command-line subcommands (simulate, scan, read, export, verify, backup, sell)."""
