// HeadProbe web UI: sends the form to POST /probe/stream and fills the table from the NDJSON
// stream, one line (one ProbeResult) at a time. Everything a target sent is put in the page as
// text (textContent), never as markup: above all what came from a body, such as the page's title.

import { $, el, readLines, showProblem as showIn, showResponseProblem as showResponseIn, withApiKey } from './dom.js';

const form = $('probe-form');
const runButton = $('run');
const stopButton = $('stop');
const downloadButton = $('download');
const problemBox = $('problem');
const summary = $('summary');
const tbody = document.querySelector('#results tbody');
const COLUMNS = 9;

let current = null; // the latest run: { controller, rows, started, ended, state }
let downloadUrl = null;

function intField(id) {
  const text = $(id).value.trim();
  return text === '' ? null : Number(text);
}

/** The body is read for its facts, for a favicon and for an audit (which grades the page too): then with GET. */
function readsBody() {
  return $('body').checked || $('favicon').checked || $('audit').checked;
}

/** The JSON body of the request; empty number fields are left to the server's defaults. */
function requestBody() {
  const body = {
    targets: $('targets').value.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    method: readsBody() ? 'GET' : $('method').value,
    followRedirects: $('follow').checked,
    audit: $('audit').checked,
    // Sent either way, so that the box means what it shows whatever the server's default is.
    tlsVerify: $('tls-verify').checked,
  };
  if ($('body').checked) body.body = true;
  if ($('favicon').checked) body.favicon = true;
  if ($('tls-scan').checked) body.tlsScan = true;
  const timeout = intField('timeout');
  if (timeout !== null) body.timeoutMs = timeout;
  const maxRedirects = intField('max-redirects');
  if (body.followRedirects && maxRedirects !== null) body.maxRedirects = maxRedirects;
  return body;
}

async function start() {
  const body = requestBody();
  showProblem(null);
  tbody.replaceChildren();
  const run = { controller: new AbortController(), rows: [], started: performance.now(), ended: null, state: 'running' };
  run.rows = body.targets.map((target, index) => addRow(target, index));
  current = run;
  setRunning(true);
  update(run);
  try {
    const headers = withApiKey({ 'Content-Type': 'application/json', Accept: 'application/x-ndjson' });
    const response = await fetch('../probe/stream', {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: run.controller.signal,
    });
    if (!response.ok) {
      await showResponseProblem(response);
      tbody.replaceChildren();
      run.rows = [];
      finish(run, 'failed');
      return;
    }
    await readLines(response.body, (line) => {
      show(run, JSON.parse(line));
      update(run);
    });
    finish(run, 'finished');
  } catch (error) {
    if (error.name === 'AbortError') {
      finish(run, 'stopped');
    } else {
      showProblem('The stream broke off', error.message);
      finish(run, 'failed');
    }
  }
}

function addRow(target, index) {
  const detailId = `detail-${index}`;
  const toggle = el('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false', 'aria-controls': detailId, disabled: true }, target);
  const cells = {
    status: el('td', { class: 'status' }, 'pending'),
    title: el('td', { class: 'title' }),
    version: el('td'),
    tls: el('td', { class: 'tls' }),
    time: el('td', { class: 'num' }),
    url: el('td', { class: 'url' }),
    redirects: el('td', { class: 'num' }),
    grade: el('td'),
  };
  const tr = el('tr', { 'data-target': target, 'data-state': 'pending' }, el('th', { scope: 'row' }, toggle), ...Object.values(cells));
  const detail = el('tr', { id: detailId, class: 'detail', hidden: true }, el('td', { colspan: COLUMNS }));
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    detail.hidden = !open;
  });
  tbody.append(tr, detail);
  return { target, tr, detail, toggle, cells, result: null };
}

/** Fills in the first row still waiting for this target (a target may be listed twice). */
function show(run, result) {
  let row = run.rows.find((r) => r.result === null && r.target === result.target);
  if (!row) {
    row = addRow(result.target, run.rows.length);
    run.rows.push(row);
  }
  row.result = result;
  row.tr.dataset.state = 'done';
  const { cells } = row;
  if (result.error) {
    cells.status.className = 'status error';
    cells.status.replaceChildren(el('span', { class: 'code' }, result.error.code), el('span', { class: 'message' }, result.error.message));
  } else {
    cells.status.className = `status s${Math.floor(result.status / 100)}xx`;
    cells.status.textContent = result.status;
  }
  // The page's title is the target's text: as text, never as markup.
  cells.title.textContent = result.body?.title ?? '';
  cells.version.textContent = result.httpVersion ?? '';
  // The TLS scan's grade and caps, when one was made, under the handshake's facts.
  cells.tls.replaceChildren(...tlsCell(result.tls), ...tlsGradeCell(result.tlsScan));
  cells.time.textContent = result.timings ? result.timings.totalMs.toFixed(1) : '';
  cells.url.textContent = result.url ?? '';
  cells.redirects.textContent = result.redirects.length;
  cells.grade.replaceChildren(result.audit
    ? el('span', { class: `grade grade-${result.audit.grade[0]}`, title: `score ${result.audit.score}` }, result.audit.grade)
    : '');
  row.detail.firstChild.replaceChildren(el('div', { class: 'detail-body' }, ...details(result)));
  row.toggle.disabled = false;
}

function details(result) {
  const parts = [];
  if (result.error) {
    parts.push(el('p', { class: 'error-detail' }, el('strong', {}, result.error.code), `: ${result.error.message}`));
  }
  parts.push(el('h2', {}, `Headers (${result.headers.length}, in wire order)`));
  parts.push(result.headers.length === 0 ? el('p', {}, 'No headers.') : el('ol', { class: 'headers' },
    ...result.headers.map((h) => el('li', {}, el('span', { class: 'name' }, h.name), ': ', el('span', { class: 'value' }, h.value)))));
  if (result.redirects.length > 0) {
    parts.push(el('h2', {}, 'Redirects'), el('ol', { class: 'redirects' },
      ...result.redirects.map((hop) => el('li', {}, `${hop.status} ${hop.url} → ${hop.location}`,
        el('span', { class: 'hop-meta' }, hopSummary(hop))))));
  }
  if (result.tls) {
    parts.push(...tlsDetails(result.tls));
  }
  if (result.timings) {
    parts.push(el('h2', {}, result.redirects.length > 0 ? 'Timings (ms): the last hop\'s phases, all hops\' total' : 'Timings (ms)'),
      el('dl', { class: 'timings' }, ...PHASES.filter(([key]) => key !== 'transferMs' || result.timings.transferMs != null)
        .flatMap(([key, name]) => [el('dt', {}, name), el('dd', { 'data-phase': key }, ms(result.timings[key]))])));
  }
  if (result.body) {
    parts.push(el('h2', {}, 'Body'), bodyFacts(result.body));
  }
  parts.push(el('h2', {}, 'Addresses'), addresses(result));
  if (result.audit) {
    parts.push(el('h2', {}, `Audit: grade ${result.audit.grade}, score ${result.audit.score}`), findings(result.audit.findings));
  }
  if (result.tlsScan) {
    parts.push(...tlsScanDetails(result.tlsScan));
  }
  return parts;
}

/**
 * The TLS scan's grade and every cap that applied, one a line, in a block of its own under the
 * handshake's facts; nothing when no scan was asked for or made.
 */
function tlsGradeCell(scan) {
  if (!scan) return [];
  if (!scan.rating) return [el('div', { class: 'tls-grade' }, el('span', { class: 'tls-scan-error' }, scan.error ?? 'no protocol accepted'))];
  const { grade, score } = scan.rating;
  return [el('div', { class: 'tls-grade' },
    'scan ', el('span', { class: `grade grade-${grade[0]}`, title: `score ${score}` }, grade),
    scan.complete ? null : el('span', { class: 'tls-incomplete' }, 'incomplete'),
    scan.rating.caps.length === 0 ? null : el('ul', { class: 'caps' }, ...scan.rating.caps.map((cap) => el('li', {}, cap))))];
}

/** What the TLS scan found: protocols, suites per protocol, groups, weaknesses, options and the certificate's facts. */
function tlsScanDetails(scan) {
  const yesNo = (value, yes, no) => (value === null || value === undefined ? '—' : value ? yes : no);
  const facts = [
    ['Address', scan.address],
    ['Protocols', scan.protocols.length > 0 ? scan.protocols.map(tlsVersion).join(', ') : 'none'],
    ['Weak suite classes', scan.weak.length > 0 ? scan.weak.join(', ') : 'none'],
    ['Groups', scan.groups.length > 0 ? scan.groups.join(', ') : '—'],
    ['DH group', scan.dhBits ? `${scan.dhBits} bits` : null],
    ['Forward secrecy', yesNo(scan.forwardSecrecy, 'every suite', 'not every suite')],
    ['Fallback SCSV', yesNo(scan.fallbackScsv, 'honoured', 'not honoured')],
    ['Secure renegotiation', yesNo(scan.secureRenegotiation, 'yes', 'no')],
    ['Compression', yesNo(scan.compression, 'accepted', 'refused')],
    ['Scan', `${scan.handshakes} handshakes, ${ms(scan.durationMs)} ms${scan.complete ? '' : ', incomplete'}`],
    ['Error', scan.error],
  ];
  const parts = [el('h2', {}, scan.rating ? `TLS scan: grade ${scan.rating.grade}, score ${scan.rating.score}` : 'TLS scan'),
    el('dl', { class: 'tls-scan' }, ...facts.filter(([, value]) => value !== null && value !== undefined)
      .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]))];
  for (const protocol of scan.suites) {
    const order = protocol.serverOrder === null ? '' : protocol.serverOrder ? ', server\'s order' : ', client\'s order';
    parts.push(el('h3', {}, `${tlsVersion(protocol.protocol)} suites (${protocol.suites.length}${order})`),
      el('ul', { class: 'suites', 'data-protocol': protocol.protocol }, ...protocol.suites.map((suite) => el('li', {},
        el('code', {}, suite.name), suite.weak.length > 0 ? el('span', { class: 'weak' }, ` weak: ${suite.weak.join(', ')}`) : null))));
  }
  if (scan.certificate) {
    const c = scan.certificate;
    const cert = [
      ['Key', `${c.keyType} ${c.keyBits}`],
      ['Signature', `${c.signatureAlgorithm}${c.sha1Signed ? ' (SHA-1 or MD5)' : ''}`],
      ['Trusted', c.trusted ? 'yes' : `no: ${c.trustError ?? 'OTHER'}`],
      ['Chain', `${c.chainComplete ? 'complete' : `incomplete, missing ${c.missingIntermediate ?? 'an intermediate'}`}, ${c.chainInOrder ? 'in order' : 'out of order'}`],
      ['OCSP stapled', c.ocspStapled ? 'yes' : 'no'],
      ['SCTs', c.sct ? 'yes' : 'no'],
      ['Days left', String(c.daysLeft)],
    ];
    parts.push(el('h3', {}, 'Certificate (from the scan)'), el('dl', { class: 'tls-cert' },
      ...cert.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])));
  }
  return parts;
}

const PHASES = [['dnsMs', 'DNS'], ['connectMs', 'Connect'], ['tlsMs', 'TLS'], ['headersMs', 'Headers'], ['transferMs', 'Transfer'],
  ['totalMs', 'Total']];

/** A duration in ms to one decimal; "—" where the phase did not happen (no lookup for an address, no TLS on http). */
function ms(value) {
  return value === null || value === undefined ? '—' : value.toFixed(1);
}

/** "TLSv1.3" as people write it, "TLS 1.3"; the JDK calls TLS 1.0 "TLSv1". */
function tlsVersion(protocol) {
  if (!protocol) return 'TLS';
  const name = protocol.replace(/^TLSv/, 'TLS ');
  return name === 'TLS 1' ? 'TLS 1.0' : name;
}

function daysLeft(days) {
  if (days === null || days === undefined) return null;
  // daysLeft is floored, so -1 means "expired less than a day ago": no count, to say nothing wrong.
  if (days < 0) return 'expired';
  return days === 1 ? '1 day left' : `${days} days left`;
}

function verdict(tls) {
  return tls.verified ? 'verified' : `not verified: ${tls.verifyError ?? 'OTHER'}`;
}

/** The TLS column: version and ALPN, days left, the verdict, one per line; "—" on plain http. */
function tlsCell(tls) {
  if (!tls) return [el('span', { 'aria-hidden': 'true' }, '—'), el('span', { class: 'visually-hidden' }, 'no TLS')];
  const days = daysLeft(tls.daysLeft);
  return [
    el('span', { class: 'tls-version' }, tls.alpn ? `${tlsVersion(tls.protocol)}, ${tls.alpn}` : tlsVersion(tls.protocol)),
    days === null ? null : el('span', { class: tls.daysLeft < 0 ? 'tls-days bad' : 'tls-days' }, days),
    // "not verified:" and the reason are each kept whole; the line may break between them.
    tls.verified ? el('span', { class: 'tls-verdict good' }, 'verified')
      : el('span', { class: 'tls-verdict bad' }, el('span', {}, 'not verified:'), ' ', el('span', {}, tls.verifyError ?? 'OTHER')),
  ];
}

/** One redirect hop in a line: where it answered from, its phases, its TLS. */
function hopSummary(hop) {
  const phases = PHASES.filter(([key]) => hop.timings && hop.timings[key] !== null && hop.timings[key] !== undefined)
    .map(([key, name]) => `${name.toLowerCase()} ${ms(hop.timings[key])}`);
  const parts = [`from ${hop.remoteAddress ?? 'unknown address'}`];
  if (phases.length > 0) parts.push(`${phases.join(', ')} ms`);
  parts.push(hop.tls ? `${tlsVersion(hop.tls.protocol)}${hop.tls.alpn ? `, ${hop.tls.alpn}` : ''}, ${verdict(hop.tls)}` : 'no TLS');
  return parts.join('; ');
}

function tlsDetails(tls) {
  const summary = [tlsVersion(tls.protocol), tls.cipher, tls.alpn ? `ALPN ${tls.alpn}` : 'no ALPN'].filter(Boolean).join(', ');
  const parts = [el('h2', {}, 'TLS'), el('p', { class: 'tls-summary' }, `${summary}; ${verdict(tls)}`)];
  if (!tls.verified && tls.verifyMessage) {
    parts.push(el('p', { class: 'error-detail verify-message' }, el('strong', {}, tls.verifyError ?? 'OTHER'), `: ${tls.verifyMessage}`));
  }
  parts.push(el('h3', {}, `Certificate chain (${tls.certificates.length}, leaf first)`),
    el('ol', { class: 'chain' }, ...tls.certificates.map((c) => el('li', {}, certificate(c)))));
  return parts;
}

/** "2026-02-01T12:00:00Z" as "2026-02-01 12:00:00 UTC". */
function date(instant) {
  return instant ? instant.replace('T', ' ').replace(/Z$/, ' UTC') : '—';
}

function certificate(c) {
  const fields = [
    ['Subject', c.subject],
    ['Issuer', c.issuer],
    ['SANs', c.sans && c.sans.length > 0 ? c.sans.join(', ') : 'none'],
    ['Valid', `${date(c.notBefore)} to ${date(c.notAfter)}`],
    ['Key', c.publicKey],
    ['Signature', c.signatureAlgorithm],
    ['Serial', c.serial],
    ['SHA-256', c.sha256],
  ];
  return el('dl', { class: 'cert' }, ...fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value ?? '—')]));
}

/** What the body read learnt (never the body itself): sizes, hashes, the title as text, the favicon's hashes. */
function bodyFacts(body) {
  const size = `${body.bytes} bytes${body.truncated ? ', truncated at the cap' : ''}`
    + `${body.encoding ? `; ${body.wireBytes} on the wire, ${body.encoding}` : ''}`;
  const fields = [
    ['Size', size],
    ['Title', body.title],
    ['Words, lines', body.words === null || body.words === undefined ? null : `${body.words}, ${body.lines}`],
    ['SHA-256', body.sha256],
    ['MurmurHash3', body.mmh3],
    ['Error', body.error],
  ];
  if (body.favicon) {
    const icon = body.favicon;
    fields.push(['Favicon', [icon.url, icon.status, icon.bytes === null || icon.bytes === undefined ? null : `${icon.bytes} bytes`]
      .filter((part) => part !== null && part !== undefined).join(', ')],
    ['Favicon MurmurHash3', icon.mmh3], ['Favicon MD5', icon.md5], ['Favicon error', icon.error]);
  }
  return el('dl', { class: 'body-facts' }, ...fields.filter(([, value]) => value !== null && value !== undefined)
    .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, String(value))]));
}

/** Every address the name resolved to, the one that answered marked. */
function addresses(result) {
  const all = result.addresses && result.addresses.length > 0 ? result.addresses
    : (result.remoteAddress ? [result.remoteAddress] : []);
  if (all.length === 0) return el('p', { class: 'addresses' }, 'None: the name did not resolve, or was not looked up.');
  return el('ul', { class: 'addresses' }, ...all.map((address) => el('li', { 'data-answered': address === result.remoteAddress },
    address, address === result.remoteAddress ? ' (answered)' : '')));
}

function findings(list) {
  const head = el('tr', {}, ...['Test, Observatory result', 'Outcome', 'Modifier', 'Detail']
    .map((name) => el('th', { scope: 'col' }, name)));
  // result: Observatory's identifier of what was found (null for tests Observatory doesn't score).
  const rows = list.map((f) => el('tr', { 'data-test': f.test },
    el('th', { scope: 'row' }, el('span', { class: 'test' }, f.test), f.result ? el('code', { class: 'result-id' }, f.result) : null),
    el('td', { class: f.pass ? 'pass' : 'fail' }, f.pass ? 'pass' : 'fail'),
    el('td', { class: 'num' }, f.modifier > 0 ? `+${f.modifier}` : String(f.modifier)),
    el('td', {}, f.detail)));
  return el('table', { class: 'findings' }, el('caption', {}, 'Audit findings'), el('thead', {}, head), el('tbody', {}, ...rows));
}

function showResponseProblem(response) {
  return showResponseIn(problemBox, response);
}

function showProblem(title, detail) {
  showIn(problemBox, title, detail);
}

function finish(run, state) {
  run.state = state;
  run.ended = performance.now();
  for (const row of run.rows.filter((r) => r.result === null)) {
    row.tr.dataset.state = state === 'stopped' ? 'stopped' : 'missing';
    row.cells.status.textContent = state === 'stopped' ? 'stopped' : 'no result';
  }
  setRunning(false);
  update(run);
}

function setRunning(running) {
  // A button that disables itself while focused drops keyboard focus to the page body: hand it
  // to the other button, the one that now does something.
  const focused = document.activeElement;
  runButton.disabled = running;
  stopButton.disabled = !running;
  if (running && focused === runButton) stopButton.focus();
  if (!running && focused === stopButton) runButton.focus();
}

const STATES = { running: 'Running', finished: 'Finished', stopped: 'Stopped', failed: 'Failed' };

function update(run) {
  const done = run.rows.filter((r) => r.result !== null);
  const ok = done.filter((r) => r.result.ok).length;
  const seconds = (((run.ended ?? performance.now()) - run.started) / 1000).toFixed(1);
  summary.textContent = `${STATES[run.state]}: ${done.length}/${run.rows.length} done, ${ok} ok, ${done.length - ok} failed, ${seconds} s`;
  summary.dataset.state = run.state;
  downloadButton.disabled = done.length === 0;
}

function download() {
  const results = current.rows.filter((r) => r.result !== null).map((r) => r.result);
  const blob = new Blob([`${JSON.stringify(results, null, 2)}\n`], { type: 'application/json' });
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(blob);
  const link = el('a', { href: downloadUrl, download: 'headprobe-results.json', hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  start();
});
stopButton.addEventListener('click', () => current?.controller.abort());
downloadButton.addEventListener('click', download);
$('follow').addEventListener('change', () => {
  $('max-redirects').disabled = !$('follow').checked;
});
// A body is read with GET: the method box says so while one is.
for (const id of ['body', 'favicon', 'audit']) {
  $(id).addEventListener('change', () => {
    if (readsBody()) $('method').value = 'GET';
    $('method').disabled = readsBody();
  });
}
