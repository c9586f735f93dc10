#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns the teacher's guide (docs/guide/index.md) into one HTML page to
install, so that Help opens it in a browser without any package for
Markdown. It knows what the guide uses: headings, paragraphs, numbered and
bulleted lists, images, links, `code`, **bold**, *italics*, fenced code and
> notes.

usage: md2html.py INDEX.md INDEX.html"""

import html
import re
import sys

STYLE = """
body { font-family: Cantarell, "Noto Sans", "DejaVu Sans", sans-serif; max-width: 46em;
       margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #1e1e1e; background: #fff; }
img { max-width: 100%; border: 1px solid #ccc; border-radius: 6px; }
code, pre { font-family: "DejaVu Sans Mono", monospace; background: #f2f2f2; border-radius: 3px; }
code { padding: 0 0.2em; }
pre { padding: 0.6em; overflow-x: auto; }
blockquote { border-left: 4px solid #3584e4; margin-left: 0; padding-left: 1em; color: #444; }
h1, h2 { line-height: 1.2; }
@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #242424; }
  code, pre { background: #333; }
  blockquote { color: #ccc; }
  a { color: #78aeed; }
}
"""


def inline(text):
    text = html.escape(text, quote=False)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"!\[([^\]]*)\]\(([^)\s]+)\)", r'<img src="\2" alt="\1">', text)
    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"<em>\1</em>", text)
    return text


def convert(markdown):
    out, paragraph, items, list_kind, quote = [], [], [], None, []
    title = "Backprop Lens"

    def flush():
        nonlocal paragraph, items, list_kind, quote
        if paragraph:
            out.append("<p>%s</p>" % inline(" ".join(paragraph)))
        if items:
            out.append("<%s>" % list_kind)
            out.extend("<li>%s</li>" % inline(" ".join(item)) for item in items)
            out.append("</%s>" % list_kind)
        if quote:
            out.append("<blockquote><p>%s</p></blockquote>" % inline(" ".join(quote)))
        paragraph, items, list_kind, quote = [], [], None, []

    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            code = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i])
                i += 1
            out.append("<pre><code>%s</code></pre>" % html.escape("\n".join(code), quote=False))
        elif not stripped:
            flush()
        elif re.match(r"#{1,6} ", stripped):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            text = stripped[level:].strip()
            if level == 1:
                title = text
            anchor = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
            out.append('<h%d id="%s">%s</h%d>' % (level, anchor, inline(text), level))
        elif re.match(r"(\d+\.|[-*]) ", stripped) and not line.startswith("   "):
            kind = "ol" if stripped[0].isdigit() else "ul"
            if paragraph or quote or (list_kind and list_kind != kind):
                flush()
            list_kind = kind
            items.append([re.sub(r"^(\d+\.|[-*]) ", "", stripped)])
        elif stripped.startswith(">"):
            if paragraph or items:
                flush()
            quote.append(stripped.lstrip("> ").strip())
        elif items and line.startswith(" "):
            items[-1].append(stripped)
        else:
            if items:
                flush()
            paragraph.append(stripped)
        i += 1
    flush()
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n%s\n</body>\n</html>\n"
            % (html.escape(title), STYLE, "\n".join(out)))


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(convert(text))


if __name__ == "__main__":
    main()
