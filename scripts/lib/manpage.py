#!/usr/bin/env python3
"""Writes chorus(1) in roff from the argument parser's own description of the commands.

Usage: chorus --experimental-dump-help | manpage.py VERSION > chorus.1

Every command, option and flag comes from the parser (its names, value names, help and
discussion), so the page never drifts from `chorus help`. The `generate-manual` plugin of
swift-argument-parser does the same, but builds a tool of its own first; this keeps the
install free of a second build.
"""
import json
import sys
from datetime import date


def esc(text):
    """Escapes roff's special characters; a line starting with . or ' is protected."""
    text = (text or "").replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def synopsis_of(arg):
    name = arg.get("preferredName") or {"kind": "long", "name": ""}
    flag = ("--" if name["kind"] == "long" else "-") + name["name"] if arg["kind"] != "positional" else ""
    value = arg.get("valueName") or ""
    if arg["kind"] == "positional":
        part = f"\\fI{esc(value)}\\fR"
    elif arg["kind"] == "flag":
        part = f"\\fB{esc(flag)}\\fR"
    else:
        part = f"\\fB{esc(flag)}\\fR \\fI{esc(value)}\\fR"
    if arg.get("isRepeating"):
        part += "..."
    return f"[{part}]" if arg.get("isOptional") else part


def options(command, out):
    args = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    for arg in args:
        names = ", ".join(("--" if n["kind"] == "long" else "-") + n["name"] for n in arg.get("names", []))
        label = names or arg.get("valueName", "")
        if arg["kind"] == "option":
            label += " " + (arg.get("valueName") or "value")
        out.append(".TP")
        out.append(f"\\fB{esc(label)}\\fR")
        help_text = arg.get("abstract", "")
        if arg.get("defaultValue"):
            help_text += f" (default: {arg['defaultValue']})"
        if arg.get("allValues"):
            help_text += " (values: " + ", ".join(arg["allValues"]) + ")"
        out.append(esc(help_text))


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else ""
    root = json.load(sys.stdin)["command"]
    out = [
        f'.TH CHORUS 1 "{date.today().isoformat()}" "chorus {esc(version)}" "User Commands"',
        ".SH NAME",
        f"chorus \\- {esc(root.get('abstract', ''))}",
        ".SH SYNOPSIS",
        "\\fBchorus\\fR \\fIcommand\\fR [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        esc(root.get("discussion", "")),
        ".SH COMMANDS",
    ]
    for sub in root.get("subcommands", []):
        if not sub.get("shouldDisplay", True) or sub["commandName"] == "help":
            continue
        args = [a for a in sub.get("arguments", []) if a.get("shouldDisplay", True)]
        out.append(f".SS chorus {esc(sub['commandName'])}")
        out.append(".nf")
        out.append(f"\\fBchorus {esc(sub['commandName'])}\\fR " + " ".join(synopsis_of(a) for a in args))
        out.append(".fi")
        out.append(".PP")
        out.append(esc(sub.get("abstract", "")))
        for para in (sub.get("discussion") or "").split("\n\n"):
            out.append(".PP")
            out.append(esc(para.strip()))
        options(sub, out)
    out += [
        ".SH FILES",
        ".TP", "\\fICHORUS_CONFIG\\fR, \\fIConfig/chorus.yaml\\fR", "The configuration (see the README's configuration reference).",
        ".TP", "\\fI<prefix>/share/chorus/sentiment\\fR", "The shipped lexicons and rules (or \\fB$CHORUS_SHARE\\fR).",
        ".SH EXIT STATUS",
        "0 success; 1 some sources failed or a run was cut short; 2 \\fBstatus\\fR: a source has been failing longer than \\fB\\-\\-fail\\-after\\fR;",
        "64 usage; 65 \\fBparse\\fR: unreadable document; 69 \\fBfetch\\fR failed; 70 fatal; 74 stdout unwritable; 75 another run holds the lock; 78 invalid configuration.",
    ]
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
