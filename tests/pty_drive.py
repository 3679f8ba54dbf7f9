#!/usr/bin/env python3
"""Drive a program through a pseudo-terminal, the way a person at a terminal would.

Usage: pty_drive.py SPEC_JSON, where SPEC_JSON is
  {"argv": [...], "env": {...},
   "steps": [["expect", "text"], ["echo-off"], ["send", "text"], ["reading"], ["ctrl-c"],
             ["signal", "TERM"], ["ask", "regex"], ["send-answer"]],
   "timeout": seconds}
"echo-off" waits until the program has turned terminal echo off (a password prompt, or a prompt
that reads key by key): a prompt is printed before echo goes off, so typing on seeing it could echo.
"reading" waits until a process in the terminal's foreground group sleeps in a terminal read, as a
person's Ctrl-C at a prompt arrives while the program waits for input.
"signal" sends SIGname to the program (run it with `exec` so it is the pty's child).
"ask" waits until the regular expression matches what the terminal showed since the previous
match, hands its first group to whoever runs the driver (one JSON line {"ask": group} on stdout)
and keeps the line that comes back on stdin (without its line feed); "send-answer" types it: a
test computes what to type from what it sees (a TOTP code from the secret shown).
Prints one JSON object last: {"code": exit code, "transcript": everything the terminal showed,
"failed_step": index or null, "terminal": {"echo", "icanon", "isig"} after the program ended}.
"""
import json
import os
import pty
import re
import select
import signal
import sys
import termios
import time

# Where the kernel shows a process waiting for input: a terminal read, or poll/select on it.
SLEEPS_ON_INPUT = ("wait_woken", "n_tty_read", "do_select", "do_sys_poll", "poll_schedule_timeout")


def main():
    spec = json.loads(sys.argv[1])
    deadline = time.monotonic() + spec.get("timeout", 20)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(spec["argv"][0], spec["argv"], spec["env"])
    transcript = b""
    answer = ""
    seen = 0
    failed = None

    def read_some(wait):
        nonlocal transcript
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        transcript += chunk
        return True

    def echo_is_on():
        # The master side reports the terminal settings the program set on its side.
        return bool(termios.tcgetattr(fd)[3] & termios.ECHO)

    def reading():
        group = os.tcgetpgrp(fd)
        for entry in os.listdir("/proc"):
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                if int(fields[2]) != group:
                    continue
                with open(f"/proc/{entry}/wchan") as wchan:
                    if wchan.read().split(".")[0] in SLEEPS_ON_INPUT:
                        return True
            except (OSError, ValueError, IndexError):
                continue
        return False

    def wait_for(condition):
        while not condition() and time.monotonic() < deadline:
            if not read_some(0.01):
                break
        return condition()

    def lflags():
        try:
            return termios.tcgetattr(fd)[3]
        except termios.error:
            return None

    for index, step in enumerate(spec["steps"]):
        if step[0] == "expect":
            # Look only at output after the previous match, so a repeated prompt is seen anew.
            needle = step[1].encode()
            while transcript.find(needle, seen) < 0 and time.monotonic() < deadline:
                if not read_some(0.05):
                    break
            found = transcript.find(needle, seen)
            if found < 0:
                failed = index
                break
            seen = found + len(needle)
        elif step[0] in ("echo-off", "reading"):
            if not wait_for(lambda: not echo_is_on() if step[0] == "echo-off" else reading()):
                failed = index
                break
        elif step[0] == "ask":
            pattern = re.compile(step[1].encode())
            while not pattern.search(transcript, seen) and time.monotonic() < deadline:
                if not read_some(0.05):
                    break
            match = pattern.search(transcript, seen)
            if not match:
                failed = index
                break
            seen = match.end()
            print(json.dumps({"ask": match.group(1).decode("utf-8", "replace")}), flush=True)
            answer = sys.stdin.readline().removesuffix("\n")
        elif step[0] == "send-answer":
            os.write(fd, answer.encode())
        elif step[0] == "send":
            os.write(fd, step[1].encode())
        elif step[0] == "ctrl-c":
            os.write(fd, b"\x03")
        elif step[0] == "signal":
            os.kill(pid, getattr(signal, "SIG" + step[1]))
    while time.monotonic() < deadline:
        if not read_some(0.05):
            break
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            while read_some(0.05):
                pass
            break
    else:
        os.kill(pid, 9)
    try:
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
    except ChildProcessError:
        code = os.waitstatus_to_exitcode(status)
    flags = lflags() or 0
    terminal = {
        "echo": bool(flags & termios.ECHO),
        "icanon": bool(flags & termios.ICANON),
        "isig": bool(flags & termios.ISIG),
    }
    print(json.dumps({"code": code, "transcript": transcript.decode("utf-8", "replace"),
                      "failed_step": failed, "terminal": terminal}))


if __name__ == "__main__":
    main()
