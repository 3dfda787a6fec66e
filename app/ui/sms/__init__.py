"""The GSM modem's part of the window (issue #13): its status in the status bar."""
