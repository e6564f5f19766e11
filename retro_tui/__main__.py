"""The `retro` program (and `python -m retro_tui`): the command line, started and ended as a
short-lived process should be."""

import gc


def run() -> None:
    gc.disable()  # importing makes many objects and next to no garbage: no collection walks them
    try:
        from .cli import main
    finally:
        gc.enable()
    try:
        main()
    finally:
        gc.freeze()  # the process ends here: its last collections need not walk every object it made


if __name__ == "__main__":
    run()
