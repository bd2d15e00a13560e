// Helpers shared by the pages of the web UI (the probe page, app.js, and the scans page, scans/scans.js).

export const $ = (id) => document.getElementById(id);

/** Creates an element; attributes with null/false values are left out, true means present. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/**
 * Calls onLine with each complete line of the stream; a line split across chunks is joined first.
 * When onLine returns false, the rest of the stream is cancelled (the server stops sending).
 */
export async function readLines(stream, onLine) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = done ? '' : lines.pop();
    for (const line of lines) {
      if (line.trim() !== '' && onLine(line) === false) {
        await reader.cancel();
        return;
      }
    }
    if (done) return;
  }
}

/** The request headers with the API key of the field with this id, when one is typed in. */
export function withApiKey(headers, fieldId = 'api-key') {
  const apiKey = $(fieldId).value.trim();
  return apiKey ? { ...headers, Authorization: `Bearer ${apiKey}` } : headers;
}

/** Fills the alert region with a title and detail (emptied, CSS hides it). */
export function showProblem(box, title, detail) {
  box.replaceChildren(...(title ? [el('strong', {}, title), detail ? `: ${detail}` : ''] : []));
}

/** Shows a refused request's problem body (RFC 9457), or its status line when it has none. */
export async function showResponseProblem(box, response) {
  let title = `${response.status} ${response.statusText}`.trim();
  let detail = '';
  try {
    const problem = await response.json();
    title = problem.title || title;
    detail = problem.detail || '';
  } catch {
    // not a problem body: the status line says it all
  }
  showProblem(box, title, detail);
}
