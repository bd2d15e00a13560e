#!/usr/bin/env python3
"""Differential run: HeadProbe's POST /audit against MDN HTTP Observatory's own analyzers.

    OBSERVATORY_DIR=~/mdn-http-observatory python3 compare.py [COUNT] [SEED] [bodies]

Needs a HeadProbe at HEADPROBE_URL (default http://localhost:8080) and a checkout of
mdn/mdn-http-observatory with `npm install` done in it. Prints the agreement per test and on the
score, then up to 20 disagreements. Observatory's redirection test is left out on both sides (it
needs an http fetch), and SRI unless "bodies" gives each case a page; everything else is compared
result by result.
"""
import json
import os
import re
import subprocess
import sys
import urllib.request
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
URL = os.environ.get("HEADPROBE_URL", "http://localhost:8080")
# HeadProbe's short test names -> Observatory's.
NAMES = {"csp": "content-security-policy", "cookies": "cookies", "cors": "cross-origin-resource-sharing",
         "hsts": "strict-transport-security", "referrer-policy": "referrer-policy",
         "x-content-type-options": "x-content-type-options", "x-frame-options": "x-frame-options",
         "corp": "cross-origin-resource-policy", "coop": "cross-origin-opener-policy",
         "coep": "cross-origin-embedder-policy", "sri": "subresource-integrity"}


def deliberate(case):
    """Cases where docs/audit.md lists a deliberate difference: HSTS max-age quoted, spaced or not a number.
    Cookies follow HSTS (protected by HSTS or not), so the cookies verdict of such a case is set aside too."""
    hsts = [h["value"] for h in case["headers"] if h["name"].lower() == "strict-transport-security"]
    return any(re.search(r'max-age\s*=\s*(?!\d)|max-age\s+=', v, re.IGNORECASE) for v in hsts)


def headprobe(case):
    request = urllib.request.Request(URL + "/audit", data=json.dumps(case).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        audit = json.load(response)["audit"]
    results = {NAMES[f["test"]]: f["result"] for f in audit["findings"] if f["test"] in NAMES}
    return {"score": audit["score"], "grade": audit["grade"], "results": results}


def main():
    count, seed = (sys.argv[1:] + ["2000", "1"])[:2] if len(sys.argv) < 3 else sys.argv[1:3]
    corpus = subprocess.run([sys.executable, os.path.join(HERE, "corpus.py"), count, seed] + sys.argv[3:4],
                            check=True, capture_output=True, text=True).stdout
    observatory = subprocess.run(["node", os.path.join(HERE, "observatory.mjs")], input=corpus,
                                 check=True, capture_output=True, text=True).stdout.splitlines()
    cases = [json.loads(line) for line in corpus.splitlines()]
    agree, total, same_score, set_aside = Counter(), Counter(), 0, 0
    differences = []
    for case, theirs_line in zip(cases, observatory):
        if deliberate(case):
            set_aside += 1
            continue
        theirs, ours = json.loads(theirs_line), headprobe(case)
        for test, result in theirs["results"].items():
            total[test] += 1
            if ours["results"].get(test) == result:
                agree[test] += 1
            else:
                differences.append((test, result, ours["results"].get(test), case))
        same_score += theirs["score"] == ours["score"]
    verdicts = sum(total.values())
    compared = len(cases) - set_aside
    print(f"cases: {len(cases)}, set aside as deliberate differences: {set_aside}")
    print(f"compared: {compared}  per-test verdicts agreeing: {sum(agree.values())}/{verdicts} "
          f"({100 * sum(agree.values()) / verdicts:.2f} %)  same score: {same_score}/{compared}")
    for test in sorted(total):
        print(f"  {test:32} {agree[test]:5}/{total[test]}")
    for test, theirs, ours, case in differences[:20]:
        print(f"DIFF {test}: observatory {theirs}, headprobe {ours}: {json.dumps(case)}")


if __name__ == "__main__":
    main()
