"""Runs a program in a pseudo-terminal that answers like a terminal emulator.

Usage: python3 terminal.py TRANSCRIPT PROGRAM [ARGS...]

PowerShell's console host asks the terminal where the cursor is (ESC[6n) to draw its progress
bar and waits for the answer; a bare pty (script(1) with no terminal behind it) never answers, and
every Write-Progress then waits for a time-out. This one answers each query with ESC[1;1R, gives
the terminal 120x40 cells, and writes what the program drew to TRANSCRIPT. Exits with the
program's exit code.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

QUERY = b"\x1b[6n"


def main():
    transcript, argv = sys.argv[1], sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    drawn = bytearray()
    tail = b""
    while True:
        try:
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
                continue
            data = os.read(fd, 65536)
        except OSError:  # EIO: the program closed the terminal (it exited)
            break
        if not data:
            break
        drawn += data
        # A query may straddle two reads: look at the end of the last read too.
        window = tail + data
        queries = window.count(QUERY)
        if queries:
            os.write(fd, b"\x1b[1;1R" * queries)
            tail = b""
        else:
            tail = window[-(len(QUERY) - 1):]
    _, status = os.waitpid(pid, 0)
    with open(transcript, "wb") as f:
        f.write(drawn)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
