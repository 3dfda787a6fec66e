"""The system settings room: the site's configuration windows and the Excel import."""
