// What Observatory's retriever really collects, checked against its own Session class
// (src/retriever/session.js) and CORS test with a local server: run with OBSERVATORY_DIR pointing
// at a checkout with its npm dependencies, and openssl on the PATH.
//   OBSERVATORY_DIR=/path/to/mdn-http-observatory node tools/observatory-parity/retriever-check.mjs
// Prints, for a verified (http) and an unverified (self-signed https) site, the requests the server
// saw, the cookies in the graded jar, and the CORS result for an answer that echoes the Origin
// with credentials.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const load = (p) => import(pathToFileURL(path.join(process.env.OBSERVATORY_DIR, p)).href);
const { Session } = await load("src/retriever/session.js");
const { crossOriginResourceSharingTest } = await load("src/analyzer/tests/cors.js");
const { CONFIG } = await load("src/config.js");
const { Requests } = await load("src/types.js");
const { Site } = await load("src/site.js");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retriever-check-"));
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", `${dir}/key.pem`,
  "-out", `${dir}/cert.pem`, "-days", "1", "-subj", "/CN=localhost"], { stdio: "ignore" });

async function check(name, createServer, scheme) {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const cookie = { "/": "hop=1", "/page": "page=1", "/robots.txt": "robots=1" }[req.url];
    if (req.method === "OPTIONS") {
      res.writeHead(200, { "Access-Control-Allow-Origin": req.headers.origin ?? "", "Access-Control-Allow-Credentials": "true", "Set-Cookie": "cors=1" });
    } else if (req.url === "/") {
      res.writeHead(302, { Location: "/page", "Set-Cookie": cookie });
    } else {
      res.writeHead(200, { "Content-Type": "text/html", "Set-Cookie": cookie });
    }
    res.end("x");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The retriever's own steps after the page (src/retriever/retriever.js).
  const session = await Session.fromUrl(new URL(`${scheme}://127.0.0.1:${server.address().port}/`));
  await session.get({ path: "/robots.txt" });
  const corsUrl = session.redirectHistory.at(-1)?.url.href ?? session.url.href;
  const cors = await session.options({ url: corsUrl, headers: { "Access-Control-Request-Method": "GET", Origin: CONFIG.retriever.corsOrigin } });
  const requests = new Requests(Site.fromSiteString("127.0.0.1"));
  requests.responses.cors = cors;
  console.log(`${name}: verified=${session.response?.verified} requests=${JSON.stringify(seen)}`
    + ` jar=${JSON.stringify(session.jar.serializeSync().cookies.map((c) => c.key))}`
    + ` cors=${crossOriginResourceSharingTest(requests).result}`);
  server.close();
}

await check("http", http.createServer, "http");
await check("self-signed https", (handler) => https.createServer(
  { key: fs.readFileSync(`${dir}/key.pem`), cert: fs.readFileSync(`${dir}/cert.pem`) }, handler), "https");
fs.rmSync(dir, { recursive: true });
