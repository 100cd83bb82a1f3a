#!/usr/bin/env python3
"""repeated-items.py DOC.xml... — prints every list (ul/ol) of a document in
the zorgdoc vocabulary that holds the same item twice, and every item,
cell or paragraph that repeats a part of a ';'-separated enumeration
("e-mailadres; e-mailadres"); exits 1 when it found one. Case and white
space do not count."""
import re
import sys
import xml.etree.ElementTree as ET


def flat(el):
    return ' '.join(''.join(el.itertext()).split()).lower()


def main(paths):
    bad = 0
    for path in paths:
        root = ET.parse(path).getroot()
        for el in root.iter():
            tag = el.tag.rsplit('}', 1)[-1]
            if tag in ('ul', 'ol'):
                items = [flat(li) for li in el if li.tag.rsplit('}', 1)[-1] == 'li']
                for x in sorted(set(items)):
                    if items.count(x) > 1:
                        print(f'{path}: list item twice: {x[:80]}')
                        bad = 1
            if tag in ('li', 'cell', 'p', 'dd'):
                for part in flat(el).split(':'):
                    seg = [s.strip(' .') for s in part.split(';') if s.strip(' .')]
                    for x in sorted(set(seg)):
                        if seg.count(x) > 1:
                            print(f'{path}: enumeration repeats: {x[:80]}')
                            bad = 1
    return bad


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
