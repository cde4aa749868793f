#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the links of a generated HTML site: every href and src that points into the site (a
relative path, with or without a #fragment) must name a file that exists, and a fragment must
name an id or anchor of that page. Links to other sites (http:, https:, mailto:) are not
followed. Prints each broken link with the page it is on; exits 1 if there is any.

    scripts/check_site_links.py build/docs/site/html
"""
import html.parser
import os
import sys
import urllib.parse


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ('href', 'src'):
                self.links.append(value)
            elif name == 'id' or (tag == 'a' and name == 'name'):
                self.ids.add(value)


def parse(path):
    p = Links()
    with open(path, encoding='utf-8', errors='replace') as f:
        p.feed(f.read())
    return p


def main(root):
    pages = {}
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith('.html'):
                pages[os.path.normpath(os.path.join(folder, name))] = None
    if not pages:
        print('no HTML pages under ' + root)
        return 1
    broken = 0
    for page in sorted(pages):
        parsed = parse(page)
        pages[page] = parsed
        for link in parsed.links:
            url = urllib.parse.urlparse(link)
            if url.scheme or link.startswith('//') or link.startswith('javascript:'):
                continue
            target = page if not url.path else os.path.normpath(
                os.path.join(os.path.dirname(page), urllib.parse.unquote(url.path)))
            if not os.path.exists(target):
                print('%s: %s (no such file)' % (os.path.relpath(page, root), link))
                broken += 1
                continue
            if url.fragment and target.endswith('.html'):
                if pages.get(target) is None:
                    pages[target] = parse(target)
                if url.fragment not in pages[target].ids:
                    print('%s: %s (no such anchor)' % (os.path.relpath(page, root), link))
                    broken += 1
    print('%d pages, %d broken links' % (len(pages), broken))
    return 1 if broken else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
