#!/usr/bin/env python3
# pronouns.py PRACTICE.XML LANG TEXT... — prints every first- or
# second-person pronoun (ik, je, u, mijn...; en: I, you, your, my...) that
# stands as a word in the extracted text of an agreement or a register,
# after removing what is a name: the names the practice file gives (the
# practice, its owner, processors and sub-processors, associations,
# registers, complaint bodies, the DPO), e-mail
# addresses and web addresses. Exits 1 when it printed any. Test-only
# (t0490); documents between parties speak in the third person.
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:zorgdoc:practice:1}"
NL = ["ik", "mij", "mijn", "je", "jij", "jou", "jouw", "u", "uw", "jullie"]
EN = ["i", "me", "my", "mine", "you", "your", "yours"]


def names(path):
    root = ET.parse(path).getroot()
    out = set()
    for parent in ("identity", "owner", "processor", "sub-processor", "association",
                   "register", "body", "dpo"):
        for el in root.iter(NS + parent):
            n = el.find(NS + "name")
            if n is not None and n.text and n.text.strip():
                out.add(" ".join(n.text.split()))
    return sorted(out, key=len, reverse=True)


def main():
    practice, lang, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    words = NL + (EN if lang == "en" else [])
    # "U.A." (coöperatie U.A.) is an abbreviation, not a pronoun
    pat = re.compile(r"(?<![\w.-])(" + "|".join(words) + r")(?![\w-])(?!\.\w)", re.IGNORECASE)
    ns = names(practice)
    bad = 0
    for f in files:
        text = open(f, encoding="utf-8").read()
        # pdftotext keeps line breaks and hyphenation: join the lines
        text = re.sub(r"-\n(?=\w)", "", text)
        text = " ".join(text.split())
        text = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", text)
        text = re.sub(r"\((?:i|ii|iii|iv|v|vi)\)", " ", text)  # "9(2)(i)"
        for n in ns:
            text = re.sub(r"\s*".join(re.escape(w) for w in n.split()), " ", text,
                          flags=re.IGNORECASE)
        for m in pat.finditer(text):
            s = max(0, m.start() - 50)
            print("%s: '%s' in: ...%s..." % (f, m.group(1), text[s:m.end() + 50]))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
