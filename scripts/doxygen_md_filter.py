#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Doxygen's input filter for the Markdown pages (docs/CMakeLists.txt): a link to another page's
section, [text](page.md#section), becomes a link to the page, [text](page.md), which Doxygen
resolves to the page's HTML; Doxygen names its section anchors itself, so GitHub's section names
would be links to nothing. The files themselves are not changed."""
import re
import sys

LINK = re.compile(r'\]\(((?:[\w./-]+/)?[\w-]+\.md)#[\w.-]+\)')

with open(sys.argv[1], encoding='utf-8') as f:
    sys.stdout.write(LINK.sub(r'](\1)', f.read()))
