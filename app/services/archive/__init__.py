"""Yearly archive files of raw readings (issue #14 "Data archiving").

``files`` knows where the archive files are and how they are laid out;
``mover`` moves old readings into them (copy, then delete, resumable); readers
go through ``services.reading_store``, which merges live and archive.
"""
