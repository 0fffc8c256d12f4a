#!/usr/bin/env python3
"""Runs a command on a new terminal and answers each password prompt it shows, as a person at
the keyboard would: the answer is typed only once the prompt is there (so after the program has
turned echo off). Prints everything the terminal showed; exits with the command's status.
Usage: tty_answer.py ANSWER SECONDS COMMAND [ARG...]
ANSWER may hold \\x03 for a Ctrl-C typed at the prompt. After the command ends, prints
"(terminal echo on)" or "(terminal echo off)": how it left the terminal."""
import os
import pty
import select
import sys
import termios
import time

answer, seconds, command = sys.argv[1].encode().replace(b"\\x03", b"\x03") + b"\n", float(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
shown, answered, deadline = b"", 0, time.monotonic() + seconds  # answered: up to where
while time.monotonic() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:  # the command closed the terminal: it has ended
            break
        if not data:
            break
        shown += data
        prompt = shown.rsplit(b"\n", 1)[-1]  # a prompt is a line still waiting for its answer
        if b"assword" in prompt and prompt.rstrip().endswith(b":") and answered < len(shown):
            answered = len(shown)
            os.write(fd, answer)
else:
    os.kill(pid, 9)
    sys.stdout.write(shown.decode(errors="replace") + "\n(timed out)\n")
    sys.exit(124)
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors="replace"))
try:
    echo = termios.tcgetattr(fd)[3] & termios.ECHO
    sys.stdout.write("\n(terminal echo %s)\n" % ("on" if echo else "off"))
except termios.error:
    pass
sys.exit(os.waitstatus_to_exitcode(status))
