#!/usr/bin/env python3
"""Random header sets for the parity run: one JSON case per line, {"url", "headers": [{name, value}]}.

The values mix what sites send with the edge cases Observatory's rules branch on. Usage:
    python3 corpus.py [COUNT] [SEED] > cases.jsonl
"""
import json
import random
import sys

CSP = [
    "default-src 'none'", "default-src 'self'", "default-src 'none'; form-action 'self'",
    "default-src 'none'; script-src 'self'; form-action 'none'; frame-ancestors 'none'",
    "default-src 'self'; script-src 'self' 'unsafe-inline'", "default-src 'self'; script-src 'unsafe-eval'",
    "script-src 'self'", "default-src *", "default-src https:", "default-src 'self'; object-src *",
    "default-src 'self'; script-src 'nonce-abc' 'unsafe-inline'", "default-src 'self'; script-src 'sha256-AAAA' 'unsafe-inline'",
    "default-src 'self'; script-src 'strict-dynamic' 'nonce-abc'", "default-src 'self'; script-src 'strict-dynamic'",
    "default-src 'self'; style-src 'unsafe-inline'", "default-src 'self'; style-src 'self' data:",
    "default-src 'self'; img-src http:", "default-src 'self'; media-src http://cdn.example",
    "default-src 'self'; script-src http://cdn.example", "default-src 'self' ftp:",
    "default-src 'self'; default-src 'none'", "default-src 'self'; frame-ancestors 'self'",
    "default-src 'self' data:", "upgrade-insecure-requests", "frame-ancestors 'none'",
    "default-src 'none'; script-src 'self' https:", "default-src 'none'; object-src 'none'; script-src 'self'",
    "DEFAULT-SRC 'NONE'", "default-src 'self';;; script-src 'self'", "default-src 'self'; base-uri 'none'",
    "report-uri /csp", "default-src 'none'; script-src 'self' 'unsafe-hashes'", "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'",
    "default-src 'self' blob:", "default-src 'self'; script-src *.example.org", "default-src 'self'; form-action https:",
]
HSTS = ["max-age=31536000", "max-age=15552000", "max-age=15551999", "max-age=300", "max-age=0",
        "max-age=31536000; includeSubDomains; preload", "max-age=\"31536000\"", "max-age=abc", "includeSubDomains",
        "max-age=31536000, max-age=300", "max-age=31536000; max-age=300", "MAX-AGE=31536000", "max-age=-1",
        "max-age=31536000;", "; max-age=63072000"]
XFO = ["DENY", "SAMEORIGIN", "deny", "ALLOW-FROM https://example.org", "ALLOW-FROM", "allowall", "DENY, DENY", " sameorigin "]
XCTO = ["nosniff", "NoSniff", "nosniff, nosniff", "sniff", " nosniff "]
REFERRER = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "origin",
            "unsafe-url", "no-referrer-when-downgrade", "origin-when-cross-origin", "bogus", "unsafe-url, no-referrer",
            "no-referrer, bogus", "NO-REFERRER", ""]
CORP = ["same-origin", "same-site", "cross-origin", "Same-Origin", "whatever", "same-origin, cross-origin"]
COOP = ["same-origin", "same-origin-allow-popups", "noopener-allow-popups", "unsafe-none", "same-origin; report-to=\"x\"",
        "\"same-origin\"", "bogus", "same-origin, unsafe-none"]
COEP = ["require-corp", "credentialless", "unsafe-none", "require-corp; report-to=\"x\"", "\"require-corp\"", "bogus"]
ACAO = ["*", "https://example.org", "null", "*, *"]
COOKIE_NAMES = ["sessionid", "SID", "theme", "csrftoken", "XSRF-TOKEN", "__Host-id", "__Secure-id", "auth", "lang"]
COOKIE_ATTRS = ["Secure", "HttpOnly", "SameSite=Lax", "SameSite=Strict", "SameSite=None", "SameSite=Bogus",
                "Path=/", "Domain=example.org", "Max-Age=3600", "Expires=Wed, 21 Oct 2037 07:28:00 GMT"]


def cookie(rnd):
    attrs = rnd.sample(COOKIE_ATTRS, rnd.randint(0, 4))
    return "; ".join([rnd.choice(COOKIE_NAMES) + "=" + rnd.choice(["1", "abc", ""])] + attrs)


def case(rnd):
    headers = []

    def maybe(name, values, chance=0.6, repeat=0.1):
        if rnd.random() < chance:
            headers.append({"name": name, "value": rnd.choice(values)})
            if rnd.random() < repeat:
                headers.append({"name": name, "value": rnd.choice(values)})

    maybe("Content-Security-Policy", CSP, 0.6, 0.15)
    maybe("Content-Security-Policy-Report-Only", CSP, 0.1, 0)
    maybe("Strict-Transport-Security", HSTS, 0.6, 0.1)
    maybe("X-Frame-Options", XFO)
    maybe("X-Content-Type-Options", XCTO)
    maybe("Referrer-Policy", REFERRER, 0.5, 0.1)
    maybe("Cross-Origin-Resource-Policy", CORP, 0.3)
    maybe("Cross-Origin-Opener-Policy", COOP, 0.3)
    maybe("Cross-Origin-Embedder-Policy", COEP, 0.3)
    if rnd.random() < 0.2:
        headers.append({"name": "Access-Control-Allow-Origin", "value": rnd.choice(ACAO)})
        if rnd.random() < 0.5:
            headers.append({"name": "Access-Control-Allow-Credentials", "value": "true"})
    for _ in range(rnd.choice([0, 0, 1, 2, 3])):
        headers.append({"name": "Set-Cookie", "value": cookie(rnd)})
    rnd.shuffle(headers)
    return {"url": rnd.choice(["https://example.org/", "https://example.org/", "http://example.org/"]), "headers": headers}


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    for _ in range(count):
        print(json.dumps(case(rnd)))
