"""Prepaid Energy Manager: prepaid electricity for commercial buildings."""

__version__ = "0.1.0"
APP_NAME = "Prepaid Energy Manager"


def _immortalize_singletons() -> None:
    """Work around PySide6 6.12 dropping references to None/True/False on Python 3.11.

    Its wheels behave as if these were immortal (as they are from Python 3.12 on):
    every ``Signal.emit()`` and every Python ``data()``/``filterAcceptsRow()`` called
    from C++ releases one reference it never took, so after a few hundred emits
    Python 3.11 frees ``True`` and aborts ("deallocating True or False"). Giving the
    three singletons the huge reference count 3.12 gives them makes that harmless.
    """
    import sys

    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 60


_immortalize_singletons()
