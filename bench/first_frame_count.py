"""Instructions to the first frame, counted by valgrind (callgrind), not timed: `retro demo` of
one or more installs against a bare Textual app (the one `first_frame.py` times).

    python bench/first_frame_count.py [--python NAME=PYTHON ...]

A count is the same from run to run whatever else the machine is doing (two runs of one install
differ by about 0.1%), so a change worth a few milliseconds shows, where the clock's noise on a
busy machine hides it. Each process stops when Textual posts its Ready event: the first frame
composed and handed to the terminal. What the app does once it is shown is left out, because
under valgrind it runs 50× slower and would do more of it in the meantime. A count is not a
time. It leaves out what the kernel does (starting the process, reading files) and weighs every
instruction alike, so its ratio to the bare app's is larger than the clock's. Use it to compare
versions, and the clock (`ab_startup.py`) for the goal. Needs valgrind; about 15 s a process.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # also under `python -P`
from _shared import Terminal  # noqa: E402
from first_frame import BARE  # noqa: E402

STOP = """
import gc, os
{hold_gc}
import textual.app, textual.events
_post = textual.app.App.post_message
def post_message(self, message):
    if isinstance(message, textual.events.Ready):  # the first frame is composed
        os._exit(0)
    return _post(self, message)
textual.app.App.post_message = post_message
"""
"""Stops the process at its first frame. `retro` imports Textual with the collector held off
(cli.run_app), so for it the collector is held off here too, where Textual is imported first."""

DEMO = """
import sys
sys.argv = ["retro", "demo", sys.argv[1]]
from retro_tui.__main__ import run
run()
"""


def count(python: str, code: str, folder: Path, args: tuple[str, ...] = (), valgrind: bool = True) -> int:
    """Instructions `python -c code` runs on a pseudo-terminal until it stops itself (without
    `valgrind`: run once as it is, to write the demo, the checklist's cache and the bytecode)."""
    out = folder / "callgrind.out"
    counting = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"] if valgrind else []
    terminal = Terminal([*counting, python, "-P", "-c", code, *args], str(folder), {"XDG_DATA_HOME": str(folder)})
    try:
        while True:  # (what it writes read until it ends: a full pty would block it)
            terminal.read(120)
    except EOFError:
        pass
    terminal.process.wait(timeout=120)
    os.close(terminal.master)
    if not valgrind:
        return 0
    for line in out.read_text().splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"{python}: valgrind wrote no count")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", metavar="NAME=PYTHON",
                        help="an install's interpreter, named (repeat for each; default: this one)")
    args = parser.parse_args()
    installs = dict(pair.split("=", 1) for pair in args.python or [f"this={sys.executable}"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count(sys.executable, STOP.format(hold_gc="") + BARE, folder, valgrind=False)
        bare = count(sys.executable, STOP.format(hold_gc="") + BARE, folder)
        print(f"| install | instructions to the first frame of `retro demo` | ratio to a bare Textual app ({bare / 1e6:,.0f} M) |")
        print("|---|---|---|")
        for name, python in installs.items():
            demo = str(folder / f"demo-{name}")
            code = STOP.format(hold_gc="gc.disable()") + DEMO
            count(python, code, folder, (demo,), valgrind=False)
            instructions = count(python, code, folder, (demo,))
            print(f"| {name} | {instructions / 1e6:,.0f} M | {instructions / bare:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
