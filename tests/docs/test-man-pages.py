#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-man-pages: the generated manual pages render without a warning, and
say what --help says: every command of `backprop-lens-cli --help` has its
section, with every option and its help text that `COMMAND --help` lists;
every option of `backprop-lens --help-all` is in backprop-lens(1).

usage: test-man-pages.py CLI CLI_PAGE [APP APP_PAGE]   (TAP on stdout)"""

import json
import os
import re
import shutil
import subprocess
import sys

ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", MANWIDTH="100")
results = []


def check(ok, name, detail=""):
    results.append((ok, name, detail))


def render(page):
    """The page as man shows it, and its warnings."""
    run = subprocess.run(["man", "--warnings", "-l", page], env=ENV, capture_output=True, text=True)
    text = run.stdout
    # Joined back where groff hyphenated a word at the end of a line.
    text = re.sub("\u2010\n\\s+", "", text)
    return text, run.stderr.strip(), run.returncode


def squash(text):
    return " ".join(text.split())


def help_options(help_text):
    """(option, help) for each line under "Application Options:"."""
    options, inside = [], False
    for line in help_text.split("\n"):
        if line.endswith("Options:"):
            inside = line.startswith("Application Options")
            continue
        m = re.match(r"\s+(?:-(\w), )?--([\w-]+)(?:\[?=\S+)?\s+(.*)", line)
        if inside and m:
            options.append((m.group(1), m.group(2), m.group(3)))
        elif inside and not line.strip():
            inside = False
    return options


def sections(text, indent):
    """Heading → body of a man page's rendered text, at an indent (0 for .SH,
    3 for .SS)."""
    found, current = {}, None
    for line in text.split("\n"):
        if re.match(r"^ {%d}\S" % indent, line) and not line.startswith(" " * (indent + 1)):
            current = line.strip()
            found[current] = ""
        elif current is not None:
            if indent == 3 and re.match(r"^\S", line):
                current = None
                continue
            found[current] += line + "\n"
    return found


def main():
    cli, cli_page = sys.argv[1], sys.argv[2]
    pages = [cli_page] + ([sys.argv[4]] if len(sys.argv) > 4 else [])

    if shutil.which("man") is None:
        print("1..0 # SKIP man is not installed (scripts/install-deps.sh installs man-db)")
        return 0

    for page in pages:
        text, warnings, status = render(page)
        name = os.path.basename(page)
        check(status == 0 and text.strip() != "", "%s renders" % name)
        check(warnings == "", "%s renders without warnings" % name, warnings)

    text, _, _ = render(cli_page)
    commands_section = sections(text, 3)
    top = subprocess.run([cli, "--help"], env=ENV, capture_output=True, text=True).stdout
    commands = re.findall(r"^  (\w[\w-]*) {2,}", top.split("Commands:")[1].split("\n\n")[0], re.M)
    check(len(commands) >= 10, "--help lists the commands", " ".join(commands))
    for command in commands:
        body = commands_section.get(command)
        check(body is not None, "the page has a section for %s" % command)
        if body is None:
            continue
        flat = squash(body)
        help_text = subprocess.run([cli, command, "--help"], env=ENV, capture_output=True, text=True).stdout
        for short, long_name, description in help_options(help_text):
            check("--" + long_name in flat, "%s --%s is in the page" % (command, long_name))
            if short:
                check("-%s, --%s" % (short, long_name) in flat, "%s -%s is in the page" % (command, short))
            check(squash(description) in flat, "%s --%s: the page says what --help says" % (command, long_name),
                  description)
        summary = help_text.split("\n\n")[1]
        check(squash(summary) in flat, "%s: the page has its summary" % command)

    # Every command describes its options (--dump-help-json), and an option
    # whose help lists its values ("Output format: text or json") has them
    # as its choices (bpl_cli_context_add_choices), for the completions.
    dump = json.loads(subprocess.run([cli, "--dump-help-json"], env=ENV, capture_output=True, text=True).stdout)
    for command in dump["commands"]:
        check(command["help"] is not None, "%s describes its options for the page" % command["name"])
        for option in (command["help"] or {}).get("options", []):
            m = re.search(r":\s*((?:[a-z][\w-]*, )*[a-z][\w-]*,? or [a-z][\w-]*)(?:\s*\(|$|;)", option["help"] or "")
            if option["argument"] == "string" and m:
                listed = re.split(r",? or |, ", m.group(1))
                check(set(listed) <= set(option["choices"]),
                      "%s --%s: the values its help lists complete" % (command["name"], option["long"]),
                      "listed %s, choices %s" % (listed, option["choices"]))

    top_sections = sections(text, 0)
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS", "FILES",
                    "EXAMPLES", "SEE ALSO"):
        check(heading in top_sections, "the page has %s" % heading)
    for status in ("0", "1", "2"):
        check(re.search(r"^\s+%s\s" % status, top_sections.get("EXIT STATUS", ""), re.M) is not None,
              "EXIT STATUS names %s" % status)
    # Every field the example networks use is described.
    networks = os.path.join(os.environ.get("BPL_SOURCE_ROOT", "."), "data", "networks")
    fields = set()
    for name in os.listdir(networks):
        with open(os.path.join(networks, name), encoding="utf-8") as f:
            fields |= set(json.load(f).keys())
    for field in sorted(fields | {"optimizer_state"}):
        check(re.search(r"^\s+%s\b" % field, top_sections.get("FILES", ""), re.M) is not None,
              "FILES describes %s" % field)

    if len(sys.argv) > 4:
        app, app_page = sys.argv[3], sys.argv[4]
        app_text, _, _ = render(app_page)
        app_help = subprocess.run([app, "--help-all"], env=ENV, capture_output=True, text=True).stdout
        usage = app_help.split("Usage:")[1].strip().split("\n")[0].replace("…", "...")
        check(usage in squash(app_text), "backprop-lens(1) has the usage line", usage)
        for line in app_help.split("\n"):
            m = re.match(r"\s+(?:-\w, )?(--[\w-]+)", line)
            if m:
                check(m.group(1) in app_text, "backprop-lens(1) has %s" % m.group(1))

    print("1..%d" % len(results))
    for i, (ok, name, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).split("\n"):
                print("# " + line)
    return 0 if all(ok for ok, _, _ in results) else 1


sys.exit(main())
