#!/usr/bin/env python3
"""Random header sets for the parity run: one JSON case per line, {"url", "headers": [{name, value}]}.

The values mix what sites send with the edge cases Observatory's rules branch on. With "bodies",
each case also has a Content-Type and a page ("body") with script tags (same site, other sites,
http, https, protocol-relative, with and without integrity) and meta CSP / referrer tags. Usage:
    python3 corpus.py [COUNT] [SEED] [bodies] > cases.jsonl
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


SITES = ["example.org", "www.example.co.uk", "a.github.io"]
SCRIPT_HOSTS = ["example.org", "cdn.example.org", "www.example.co.uk", "static.example.co.uk", "other.co.uk",
                "a.github.io", "b.github.io", "fb.me", "localhost", "127.0.0.1", "cdn.jsdelivr.net"]
SCRIPT_SRC = ["https://{h}/a.js", "http://{h}/a.js", "//{h}/a.js", "/static/a.js", "a.js", "HTTPS://{h}/a.js",
              "https://{h}:8443/a.js", ""]
CONTENT_TYPES = ["text/html", "text/html; charset=utf-8", "text/html", "application/xhtml+xml", "application/json",
                 "Text/HTML", None]
META_EQUIV = ["Content-Security-Policy", "content-security-policy", " Content-Security-Policy ", "X-Frame-Options",
              "Referrer-Policy"]
META_NAMES = ["referrer", "Referrer", " referrer ", "viewport"]


def page(rnd):
    tags = []
    for _ in range(rnd.choice([0, 1, 1, 2, 3])):
        src = rnd.choice(SCRIPT_SRC).format(h=rnd.choice(SCRIPT_HOSTS))
        attrs = [f'src="{src}"'] if rnd.random() < 0.9 else []
        if rnd.random() < 0.4:
            attrs.append('integrity="' + rnd.choice(["sha384-abc", ""]) + '" crossorigin="anonymous"')
        tags.append(f"<script {' '.join(attrs)}></script>")
    for _ in range(rnd.choice([0, 0, 1, 2])):
        tags.append(f'<meta http-equiv="{rnd.choice(META_EQUIV)}" content="{rnd.choice(CSP + XFO)}">')
    if rnd.random() < 0.3:
        tags.append(f'<meta name="{rnd.choice(META_NAMES)}" content="{rnd.choice(REFERRER)}">')
    rnd.shuffle(tags)
    return "<!doctype html><html><head><title>t</title>" + "".join(tags) + "</head><body></body></html>"


# Only with "bodies", so that the header-only corpus of a seed stays what it was: public suffixes.
SITE_COOKIE_ATTRS = COOKIE_ATTRS + ["Domain=co.uk", "Domain=example.co.uk", "Domain=github.io", "Domain=a.github.io"]


def cookie(rnd, attributes):
    attrs = rnd.sample(attributes, rnd.randint(0, 4))
    return "; ".join([rnd.choice(COOKIE_NAMES) + "=" + rnd.choice(["1", "abc", ""])] + attrs)


def case(rnd, bodies=False):
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
        headers.append({"name": "Set-Cookie", "value": cookie(rnd, SITE_COOKIE_ATTRS if bodies else COOKIE_ATTRS)})
    if not bodies:
        rnd.shuffle(headers)
        return {"url": rnd.choice(["https://example.org/", "https://example.org/", "http://example.org/"]), "headers": headers}
    content_type = rnd.choice(CONTENT_TYPES)
    if content_type:
        headers.append({"name": "Content-Type", "value": content_type})
    rnd.shuffle(headers)
    url = rnd.choice(["https://", "https://", "http://"]) + rnd.choice(SITES) + "/"
    return {"url": url, "headers": headers, "body": page(rnd)}


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    bodies = len(sys.argv) > 3 and sys.argv[3] == "bodies"
    for _ in range(count):
        print(json.dumps(case(rnd, bodies)))
