#!/usr/bin/env python3
"""Runs the README's checked command blocks, in order, against a running local stack.

A block is checked when the line before its ```bash fence is
``<!-- readme-check -->``. Inside, every shell command runs in one bash session (variables set
by one command are there for the next, as when pasted), and a comment line ``# → ...`` right
after a command is what it must answer:

    # → 201 {"id":"…","email":"minji@example.com","role":"USER"}

* a leading three-digit number is the HTTP status of the command's (last) curl;
* a JSON value is compared by shape: every key shown must be there, a string with "…" matches
  any text starting with what comes before the "…" ("…" alone matches anything, of any type),
  other values must be equal, and a list ending in "…" only needs its shown items first;
* anything else is text: each shown line, up to a "…", must start a line of the answer, in order.

Usage: readme_check.py README.md BASE_URL [VAR=value ...]; BASE_URL replaces
``http://localhost:8080`` and ``localhost:8080`` in commands; VAR=value pairs override lines of
the form ``VAR=...`` (such as the sandbox addresses the banner prints). Exit status 1 on the first
difference, after printing the command, the expectation and the answer.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

MARK = "<!-- readme-check -->"
EXPECT = "# → "
ELLIPSIS = "…"

CURL_SHIM = r'''
curl() {
  local a
  for a in "$@"; do
    case "$a" in -o|-w|--output|--write-out) command curl "$@"; return;; esac
  done
  command curl -w '\n%{http_code}' "$@" > "$RC_DIR/last"
  local rc=$?
  tail -n 1 "$RC_DIR/last" > "$RC_DIR/status"
  sed '$d' "$RC_DIR/last"
  return $rc
}
'''


def blocks(readme):
    lines = open(readme, encoding="utf-8").read().split("\n")
    found = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == MARK and i + 1 < len(lines) and lines[i + 1].startswith("```bash"):
            start = i + 2
            end = start
            while not lines[end].startswith("```"):
                end += 1
            found.append((start + 1, lines[start:end]))
            i = end
        i += 1
    return found


def steps(block_lines):
    """(line number, command, expectation or None) for each shell command of a block."""
    result = []
    command, first = [], None
    for number, line in block_lines:
        if line.startswith(EXPECT) and result and command == []:
            previous = result[-1]
            extra = line[len(EXPECT):]
            result[-1] = (previous[0], previous[1], extra if previous[2] is None else previous[2] + "\n" + extra)
            continue
        if line.startswith("#") and not command:
            continue
        if not line.strip() and not command:
            continue
        if not command:
            first = number
        command.append(line)
        if not line.rstrip().endswith("\\"):
            result.append((first, "\n".join(command), None))
            command = []
    return result


def matches(expected, actual):
    if expected == ELLIPSIS:
        return True
    if isinstance(expected, str) and ELLIPSIS in expected:
        return isinstance(actual, str) and actual.startswith(expected.split(ELLIPSIS)[0])
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and matches(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        if expected and expected[-1] == ELLIPSIS:
            shown = expected[:-1]
            return len(actual) >= len(shown) and all(matches(e, a) for e, a in zip(shown, actual))
        return len(expected) == len(actual) and all(matches(e, a) for e, a in zip(expected, actual))
    return expected == actual


def check(expectation, output, status):
    text = expectation.strip()
    found = re.match(r"^(\d{3})(?:\s+|$)", text)
    if found:
        if status != found.group(1):
            return "HTTP status %s, expected %s" % (status, found.group(1))
        text = text[found.end():]
    if not text:
        return None
    try:
        expected = json.loads(text)
    except ValueError:
        expected = None
    if expected is not None:
        try:
            actual = json.loads(output)
        except ValueError:
            return "the answer is not JSON"
        return None if matches(expected, actual) else "the answer does not have the shape shown"
    answer = output.split("\n")
    position = 0
    for wanted in [line.split(ELLIPSIS)[0] for line in text.split("\n") if line.strip()]:
        while position < len(answer) and not answer[position].startswith(wanted):
            position += 1
        if position == len(answer):
            return "no line starting with %r (in order)" % wanted
        position += 1
    return None


def main():
    readme, base = sys.argv[1], sys.argv[2].rstrip("/")
    overrides = dict(pair.split("=", 1) for pair in sys.argv[3:])
    work = tempfile.mkdtemp(prefix="readme-check-")
    shell = subprocess.Popen(["bash", "--noprofile", "--norc"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, text=True, env=dict(os.environ, RC_DIR=work))
    shell.stdin.write("set +e\n" + CURL_SHIM)
    count = 0
    for start, lines in blocks(readme):
        for number, command, expectation in steps(list(zip(range(start, start + len(lines)), lines))):
            count += 1
            name = command.split("=", 1)[0]
            if "=" in command and re.fullmatch(r"[A-Z_]+", name) and name in overrides:
                command = "%s=%s" % (name, overrides[name])
            command = command.replace("http://localhost:8080", base).replace("localhost:8080", base)
            out, done = os.path.join(work, "out%d" % count), os.path.join(work, "done%d" % count)
            for leftover in ("status",):
                path = os.path.join(work, leftover)
                if os.path.exists(path):
                    os.remove(path)
            shell.stdin.write("{ %s\n} > %s 2>&1\ntouch %s\n" % (command, out, done))
            shell.stdin.flush()
            while not os.path.exists(done):
                if shell.poll() is not None:
                    print("README line %d: the shell ended" % number)
                    return 1
                time.sleep(0.05)
            output = open(out, encoding="utf-8", errors="replace").read().strip()
            status_file = os.path.join(work, "status")
            status = open(status_file).read().strip() if os.path.exists(status_file) else "-"
            if expectation is None:
                print("ok   line %d (no answer shown)" % number)
                continue
            problem = check(expectation, output, status)
            if problem:
                print("FAIL README line %d: %s\n  command:  %s\n  expected: %s\n  answer:   %s %s"
                      % (number, problem, command, expectation, status, output[:2000]))
                return 1
            print("ok   line %d" % number)
    shell.stdin.close()
    shell.wait()
    print("%d README commands ran as shown" % count)
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
