#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal of a given size and prints everything it wrote.

Usage: pty_run.py COLUMNS ROWS COMMAND [ARG...]
The child sees a terminal on stdin, stdout and stderr (both streams arrive mixed, as a person
sees them). COLUMNS is removed from the environment so the child must ask the terminal. Exits
with the child's exit status.
"""
import fcntl
import os
import pty
import struct
import sys
import termios


def main() -> int:
    cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    pid, fd = pty.fork()
    if pid == 0:
        # Sized before exec, so the child never sees another size.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvpe(argv[0], argv, env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(b"".join(chunks))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
