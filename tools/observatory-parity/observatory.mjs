// Grades each case of stdin (JSON lines from corpus.py) with MDN HTTP Observatory's own analyzers,
// read from a checkout of mdn/mdn-http-observatory (OBSERVATORY_DIR, with its npm dependencies
// installed). Prints one JSON line per case: {score, grade, results: {test: result}}. Observatory's
// redirection test is left out (it needs an http fetch), and subresource-integrity when the case has
// no page ("body"); a page is given to the analyzers as Observatory's retriever gives it.
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

// Observatory needs Node 22's Set methods; Node 20 is what Debian and this machine have.
for (const [name, fn] of Object.entries({
  union(o) { return new Set([...this, ...o]); },
  intersection(o) { return new Set([...this].filter((x) => o.has(x))); },
  difference(o) { return new Set([...this].filter((x) => !o.has(x))); },
  isSubsetOf(o) { return [...this].every((x) => o.has(x)); },
  isSupersetOf(o) { return [...o].every((x) => this.has(x)); },
  isDisjointFrom(o) { return [...this].every((x) => !o.has(x)); },
})) if (!Set.prototype[name]) Object.defineProperty(Set.prototype, name, { value: fn });

const dir = process.env.OBSERVATORY_DIR;
const load = (path) => import(pathToFileURL(`${dir}/${path}`).href);
const { ALL_TESTS } = await load("src/constants.js");
const { Requests } = await load("src/types.js");
const { Site } = await load("src/site.js");
const { Session } = await load("src/retriever/session.js");
const { parseHttpEquivHeaders } = await load("src/retriever/utils.js");
const { HTML_TYPES } = await load("src/types.js");
const { getScoreModifier, getGradeForScore } = await load("src/grader/grader.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("src/grader/charts.js");
const { AxiosHeaders } = await import(pathToFileURL(`${dir}/node_modules/axios/index.js`).href);

const LEFT_OUT = new Set(["redirection"]);

function grade(testCase) {
  const url = new URL(testCase.url);
  const requests = new Requests(Site.fromSiteString(url.hostname));
  // Node's HTTP client joins repeated headers with ", " (Set-Cookie stays a list); so does this.
  const raw = testCase.headers.map((h) => `${h.name}: ${h.value}`).join("\n");
  const response = {
    headers: AxiosHeaders.from(raw), request: { headers: new AxiosHeaders() }, status: 200,
    statusText: "OK", verified: true, data: "", config: { headers: new AxiosHeaders() }, httpEquiv: new Map(),
  };
  requests.responses.auto = response;
  requests.responses.cors = response;
  requests.responses.https = url.protocol === "https:" ? response : null;
  requests.responses.http = url.protocol === "http:" ? response : null;
  requests.session = new Session(url);
  // The retriever's steps for the page (src/retriever/retriever.js): the body, and its meta tags
  // when the Content-Type is HTML.
  const body = testCase.body ?? null;
  requests.resources.path = body ?? "";
  if (body && HTML_TYPES.has(response.headers["content-type"]?.split(";", 1)[0])) {
    response.httpEquiv = parseHttpEquivHeaders(body, url.href);
  }
  // In a real scan the session's cookie jar fills while fetching; the cookies test reads the jar.
  for (const h of testCase.headers.filter((h) => h.name.toLowerCase() === "set-cookie")) {
    try {
      requests.session.jar.setCookieSync(h.value, url.href);
    } catch {
      // tough-cookie refuses some lines (public-suffix domains, bad prefixes): the jar stays without them
    }
  }
  let score = 100;
  let bonus = 0;
  const results = {};
  for (const test of ALL_TESTS) {
    const output = test(requests);
    const name = output.constructor.name;
    if (LEFT_OUT.has(name) || (name === "subresource-integrity" && testCase.body == null)) continue;
    results[name] = output.result;
    const modifier = getScoreModifier(output.result);
    if (modifier < 0) score += modifier; else bonus += modifier;
  }
  const final = score >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? score + bonus : score;
  return { score: Math.max(final, 0), grade: getGradeForScore(final).grade, results };
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim()) console.log(JSON.stringify(grade(JSON.parse(line))));
}
