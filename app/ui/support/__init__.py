"""support: see docs/architecture.md for what each room of app/ui holds."""
