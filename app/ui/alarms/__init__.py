"""The alarm window, its table model, the status bar's count of unacknowledged alarms."""
