"""Key → frame latency while typing in a filled section of the demo workbook.

    python bench/key_latency.py [KEYS]

The demo workbook is opened with `retro` on a pseudo-terminal (140×45, a terminal that
supports synchronized output, so that each frame ends with `ESC[?2026l`). Tab ×3 from the
first field of the first section (目标回顾, filled) reaches 亮点, a note of six long lines; the
keys go in at its start, so that every key re-wraps the paragraph, as when inserting into a
written answer.

Each key is written to the terminal alone, once the app has written nothing for 50 ms (a quick
typist's pace, under the 0.8 s after which a field saves by itself); its latency is the time from
that write until the end of the first frame that shows the typed character. KEYS keys (default
200) of an English sentence, then as many characters of a Chinese one (as an input method
commits them: one UTF-8 character per write), after 10 keys of each not counted; the median
and the 95th percentile are printed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import FRAME_END, RETRO, Terminal, p50_p95, visible_text  # noqa: E402

ENGLISH = "the quick brown fox jumps over the lazy dog while a shop reviews its year "
CHINESE = "今天的复盘会议先对照目标和结果，再找差距的原因，最后定下明年的行动。"
TABS = 3  # from the first targets table to the 亮点 note
QUIET = 0.05
WARM_UP = 10


def key_to_frame(terminal: Terminal, key: str, timeout: float = 5) -> float:
    """Milliseconds from writing `key` until a frame showing it has been written."""
    terminal.settle(QUIET)
    sent = terminal.write(key.encode())
    output = b""
    deadline = sent + timeout
    while (left := deadline - time.perf_counter()) > 0:
        output += terminal.read(left)
        end = output.rfind(FRAME_END)
        if end >= 0 and key in visible_text(output[:end]):
            return (time.perf_counter() - sent) * 1000
    raise SystemExit(f"no frame showed {key!r} within {timeout} s (is the note focused?)")


def measure(keys: int = 200) -> dict[str, list[float]]:
    """Latencies (ms) of `keys` keys per script: {"ascii": […], "chinese": […]}."""
    from retro_tui.demo import install
    from retro_tui.workbook import Workbook

    with tempfile.TemporaryDirectory() as tmp:
        workbook, _ = install(Path(tmp) / "demo")
        with Terminal([*RETRO, str(workbook)], tmp, {"XDG_DATA_HOME": tmp}) as terminal:
            terminal.wait_for(b"^p")  # the first frame
            terminal.settle(0.5)  # the rest of the section is mounted after it
            for _ in range(TABS):
                terminal.write(b"\t")
                terminal.settle(0.2)
            results = {}
            for name, text in (("ascii", ENGLISH), ("chinese", CHINESE)):
                typed = [key_to_frame(terminal, (text * (keys // len(text) + 2))[i]) for i in range(WARM_UP + keys)]
                results[name] = typed[WARM_UP:]
            terminal.settle(1.5)  # the note commits (and the workbook saves) after a pause
        answer = Workbook.load(workbook).value("goals", "highlights")
        if not answer.startswith(ENGLISH[:20]) or CHINESE[:10] not in answer:
            raise SystemExit(f"the keys did not reach the note: {answer[:80]!r}")
    return results


def main() -> None:
    keys = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for name, latencies in measure(keys).items():
        p50, p95 = p50_p95(latencies)
        print(f"{name:<8} p50 {p50:5.1f} ms  p95 {p95:5.1f} ms  max {max(latencies):5.1f} ms  ({len(latencies)} keys)")


if __name__ == "__main__":
    main()
