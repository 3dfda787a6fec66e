"""Cycles are collected on the GUI thread only (app/ui/shell/gc_guard.py)."""

import gc
import threading
import weakref

from app.ui.shell import gc_guard


class Node:
    pass


def test_automatic_collection_is_off_and_the_gui_thread_collects(qapp, qtbot):
    gc_guard.install(qapp)
    assert not gc.isenabled()
    freed_in = []
    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle nothing else refers to
    probe = weakref.ref(a, lambda _r: freed_in.append(threading.current_thread()))
    del a, b

    kept = []

    def churn():  # a worker allocating heavily (past every threshold) must not collect it
        kept.extend([Node()] for _ in range(50_000))

    t = threading.Thread(target=churn)
    t.start()
    t.join()
    assert probe() is not None and freed_in == []
    qtbot.waitUntil(lambda: probe() is None, timeout=3000)  # the GUI timer collected it
    assert freed_in == [threading.current_thread()]
    assert len(kept) == 50_000


def test_what_lived_at_start_up_is_left_out_of_later_collections():
    import gc

    from app.ui.shell import gc_guard

    kept = [[i] for i in range(100)]  # containers the collector tracks
    try:
        gc_guard.freeze_startup()
        assert not any(o is kept[0] for o in gc.get_objects())  # no generation scans it
    finally:
        gc.unfreeze()  # leave the test process as it was
    assert any(o is kept[0] for o in gc.get_objects())
