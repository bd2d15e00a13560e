// HeadProbe scans page: lists GET /scans with each scan's progress and grade histogram (from
// GET /scans/{id}), polls while a scan is queued or running, and shows one scan's results a page
// at a time from GET /scans/{id}/results: the NDJSON stream is read up to a page and then cancelled,
// and the next page resumes at the last line's cursor, so that a million results never load at once.

import { $, el, readLines, showProblem, showResponseProblem, withApiKey } from '../dom.js';

const SCANS_PER_PAGE = 20;
const RESULTS_PER_PAGE = 100;
/** How often the list is fetched again: often while a scan runs, rarely (for new scans) when none does. */
const REFRESH_RUNNING_MS = 1000;
const REFRESH_IDLE_MS = 10000;
/** Best first, as a histogram reads; the same spellings as GET /scans/{id}'s byGrade. */
const GRADES = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'];

const problemBox = $('problem');
const scansSummary = $('scans-summary');
const scansBody = document.querySelector('#scans tbody');
const resultsBody = document.querySelector('#results tbody');
const resultsSummary = $('results-summary');

let offset = 0;        // of the page of scans shown
let timer = null;
let refreshes = 0;     // a refresh that a newer one overtook shows nothing and schedules nothing
const finished = new Map(); // id -> a closed scan's GET /scans/{id}: it changes no more
const rows = new Map();     // id -> its row in the scans table
let opened = null;     // the scan whose results are shown: { scan, cursors, page, controller }

/** Thrown once the refusal's problem is on the page. */
class Refused extends Error {}

async function api(path, accept, signal) {
  const response = await fetch(`../../${path}`, { headers: withApiKey({ Accept: accept }), signal });
  if (!response.ok) {
    await showResponseProblem(problemBox, response);
    throw new Refused(`${response.status}`);
  }
  return response;
}

function isOpen(scan) {
  return scan.state === 'queued' || scan.state === 'running';
}

async function detail(scan) {
  if (finished.has(scan.id)) return finished.get(scan.id);
  const full = await (await api(`scans/${encodeURIComponent(scan.id)}`, 'application/json')).json();
  if (!isOpen(full)) finished.set(full.id, full);
  return full;
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++refreshes;
  let scans;
  let nextOffset;
  try {
    const page = await (await api(`scans?offset=${offset}&limit=${SCANS_PER_PAGE}`, 'application/json')).json();
    nextOffset = page.nextOffset;
    scans = await Promise.all(page.scans.map(detail));
  } catch (error) {
    if (mine !== refreshes) return;
    failed(error, 'The scans could not be listed');
    scansSummary.textContent = 'The scans could not be listed.';
    scansSummary.dataset.state = 'failed';
    return;
  }
  if (mine !== refreshes) return;
  showProblem(problemBox, null);
  show(scans);
  $('newer').disabled = offset === 0;
  $('older').disabled = nextOffset === null || nextOffset === undefined;
  const running = scans.filter(isOpen).length;
  scansSummary.textContent = scans.length === 0 ? 'No scans yet: submit one with POST /scans.'
    : `Scans ${offset + 1} to ${offset + scans.length}; ${running} queued or running.`;
  scansSummary.dataset.state = running > 0 ? 'running' : 'idle';
  const shown = opened && scans.find((scan) => scan.id === opened.scan.id);
  if (shown) followResults(shown);
  timer = setTimeout(refresh, running > 0 ? REFRESH_RUNNING_MS : REFRESH_IDLE_MS);
}

function failed(error, title) {
  if (error.name === 'AbortError') return;
  if (!(error instanceof Refused)) showProblem(problemBox, title, error.message);
}

/** Updates the rows in place, so that a focused button keeps its focus while the list refreshes. */
function show(scans) {
  const ids = scans.map((scan) => scan.id);
  for (const scan of scans) {
    if (!rows.has(scan.id)) rows.set(scan.id, scanRow(scan));
    fill(rows.get(scan.id), scan);
  }
  const current = [...scansBody.children].map((tr) => tr.dataset.id);
  if (current.join() !== ids.join()) {
    scansBody.replaceChildren(...ids.map((id) => rows.get(id)));
  }
}

function label(scan) {
  return scan.name ? `${scan.name} (${scan.id.slice(0, 8)})` : scan.id;
}

function scanRow(scan) {
  const open = el('button', { type: 'button', class: 'open-scan', 'aria-controls': 'results-section' }, label(scan));
  open.addEventListener('click', () => openResults(rows.get(scan.id).scan));
  const cells = ['state', 'progress', 'ok num', 'failed num', 'rate num', 'grades', 'created']
    .map((name) => el('td', { class: name }));
  const tr = el('tr', { 'data-id': scan.id }, el('th', { scope: 'row' }, open), ...cells);
  tr.parts = Object.fromEntries(cells.map((td) => [td.className.split(' ')[0], td]));
  return tr;
}

function fill(tr, scan) {
  tr.scan = scan;
  tr.dataset.state = scan.state;
  const cells = tr.parts;
  cells.state.textContent = scan.state;
  const progress = el('progress', { max: Math.max(scan.total, 1), value: scan.total === 0 ? 1 : scan.done,
    'aria-label': `Progress of ${label(scan)}` }, `${scan.done}/${scan.total}`);
  cells.progress.replaceChildren(progress, el('span', { class: 'count' }, `${scan.done}/${scan.total}`));
  cells.ok.textContent = scan.ok;
  cells.failed.textContent = scan.failed;
  cells.rate.textContent = scan.targetsPerSecond ?? '';
  cells.grades.replaceChildren(histogram(scan));
  cells.created.textContent = scan.createdAt ? scan.createdAt.replace('T', ' ').replace(/\.\d+/, '').replace(/Z$/, ' UTC') : '';
}

/** One bar per grade that occurs, its length relative to the most frequent grade; the counts as text. */
function histogram(scan) {
  const byGrade = scan.byGrade ?? {};
  const grades = [...GRADES, ...Object.keys(byGrade).filter((grade) => !GRADES.includes(grade))]
    .filter((grade) => byGrade[grade] > 0);
  if (grades.length === 0) return el('span', { class: 'no-grades' }, 'none (audit off, or nothing graded yet)');
  const most = Math.max(...grades.map((grade) => byGrade[grade]));
  return el('ul', { class: 'histogram', 'aria-label': `Grades of ${label(scan)}` }, ...grades.map((grade) => {
    const bar = el('span', { class: `bar grade-${grade[0]}` });
    // Through the CSSOM, which the Content-Security-Policy allows (a style attribute it would block).
    bar.style.inlineSize = `${(byGrade[grade] / most) * 100}%`;
    return el('li', { 'data-grade': grade, 'data-count': byGrade[grade] },
      el('span', { class: 'grade-name' }, grade), el('span', { class: 'bar-track' }, bar), el('span', { class: 'count' }, byGrade[grade]));
  }));
}

function openResults(scan) {
  opened?.controller?.abort();
  opened = { scan, cursors: [''], page: 0, controller: null, rows: 0 };
  $('results-section').hidden = false;
  $('results-heading').textContent = `Results of ${label(scan)}`;
  loadResults();
}

/** While the opened scan runs, a page that is not full yet is read again as results arrive. */
function followResults(scan) {
  const wasOpen = isOpen(opened.scan);
  opened.scan = scan;
  if (wasOpen && opened.rows < RESULTS_PER_PAGE && !opened.controller) loadResults();
}

async function loadResults() {
  const view = opened;
  view.controller?.abort();
  const controller = new AbortController();
  view.controller = controller;
  const after = view.cursors[view.page];
  const first = view.page * RESULTS_PER_PAGE;
  const lines = [];
  let more = false;
  resultsSummary.dataset.state = 'loading';
  try {
    // One line more than a page says whether there is a next page; the server sends no more than that.
    const response = await api(
      `scans/${encodeURIComponent(view.scan.id)}/results?after=${encodeURIComponent(after)}&limit=${RESULTS_PER_PAGE + 1}`,
      'application/x-ndjson', controller.signal);
    await readLines(response.body, (line) => {
      if (lines.length === RESULTS_PER_PAGE) {
        more = true;
        return false;
      }
      lines.push(JSON.parse(line));
      return true;
    });
  } catch (error) {
    failed(error, 'The results could not be read');
    if (error.name !== 'AbortError' && view === opened) resultsSummary.dataset.state = 'failed';
    return;
  } finally {
    if (view.controller === controller) view.controller = null;
  }
  if (view !== opened) return;
  resultsBody.replaceChildren(...lines.map((result, i) => resultRow(first + i + 1, result)));
  view.rows = lines.length;
  if (lines.length > 0) view.cursors[view.page + 1] = lines[lines.length - 1].cursor;
  resultsSummary.textContent = lines.length === 0 ? `No results yet; ${view.scan.done} of ${view.scan.total} done.`
    : `Results ${first + 1} to ${first + lines.length} of ${view.scan.done} done (${view.scan.total} targets).`;
  resultsSummary.dataset.state = 'shown';
  $('first-page').disabled = view.page === 0;
  $('next-page').disabled = !more;
}

function resultRow(number, result) {
  const status = result.error
    ? el('td', { class: 'status error' }, el('span', { class: 'code' }, result.error.code))
    : el('td', { class: `status s${Math.floor(result.status / 100)}xx` }, String(result.status));
  const grade = result.audit?.grade;
  return el('tr', { 'data-target': result.target },
    el('td', { class: 'num' }, String(number)),
    el('th', { scope: 'row', class: 'target' }, result.target),
    status,
    // The page's title (with "body": true) is the target's text: as text, never as markup.
    el('td', { class: 'title' }, result.body?.title ?? ''),
    el('td', {}, grade ? el('span', { class: `grade grade-${grade[0]}`, title: `score ${result.audit.score}` }, grade) : ''),
    el('td', { class: 'num' }, result.timings ? result.timings.totalMs.toFixed(1) : ''),
    el('td', { class: 'url' }, result.url ?? ''));
}

$('newer').addEventListener('click', () => {
  offset = Math.max(0, offset - SCANS_PER_PAGE);
  refresh();
});
$('older').addEventListener('click', () => {
  offset += SCANS_PER_PAGE;
  refresh();
});
$('first-page').addEventListener('click', () => {
  opened.page = 0;
  loadResults();
});
$('next-page').addEventListener('click', () => {
  opened.page += 1;
  loadResults();
});
$('api-key').addEventListener('change', refresh);
refresh();
