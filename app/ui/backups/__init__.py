"""The backups window: back up now, and what the night jobs last did (issue #14)."""
