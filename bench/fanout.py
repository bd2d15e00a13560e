"""Fan-out, measuring the prober: N loopback targets (anchor/delay_server.c, one C process that
answers every connection 100 ms after its request) fetched at concurrency C by each contender,
alternating contender after contender, after warm-ups. Per run: wall time, the prober's CPU seconds
(user + sys: /proc/PID/stat deltas for the HeadProbe servers, /usr/bin/time for one-shot tools)
and its peak RSS (VmHWM since start for the servers, /usr/bin/time's %M for the tools); the targets' own CPU
seconds too, to show they are not the limit. The table shows medians and ratios to ab.

Usage: python3 fanout.py OUT.md N C RUNS WARMUPS TARGET_PORT NAME=SPEC ...
SPEC is "probe:PID:PORT" (a running HeadProbe: one POST /probe with every target),
"probe+OPTION:PID:PORT" (the same with "OPTION": true in the request: probe+body, probe+audit) or
"tool:COMMAND" (a command run once per round; {urls} is a file of the N URLs, {curlcfg} the same
as a curl config file, {curlgetcfg} one that writes each body to /dev/null and prints each status
and size, {url} the first URL).
Environment: FANOUT_BASE=SUFFIX divides by the contender named like the row up to its last ": ",
then SUFFIX ("jar: body" by "jar: head only" for FANOUT_BASE="head only") instead of by ab.
FANOUT_CONNECTIONS=K waits before a run until the runs of the last 120 s (how long the kernel
tracks a closed connection) and this one make at most K connections; an audit makes 3 per target."""
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import http.client

TICK = os.sysconf('SC_CLK_TCK')


def cpu_seconds(pid):
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK   # utime, stime


def peak_mib(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    return float('nan')


def probe(pid, port, body, n, option):
    before = cpu_seconds(pid)
    start = time.monotonic()
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=600)
    connection.request('POST', '/probe', body, {'Content-Type': 'application/json'})
    answer = connection.getresponse()
    data = answer.read()
    wall = time.monotonic() - start
    cpu = cpu_seconds(pid) - before
    connection.close()
    answers = json.loads(data) if answer.status == 200 else {'summary': {'ok': 0}, 'results': []}
    return wall, cpu, peak_mib(pid), '%s/%d%s' % (answers['summary'].get('ok'), n, bodies(answers['results']) if option else '')


def bodies(results):
    """What the body reads found: how many, the sizes and one title, to show the bodies were read."""
    read = [r['body'] for r in results if r.get('body')]
    sizes = sorted({b.get('bytes') for b in read}, key=str)
    return ', %d bodies of %s B, title %s' % (len(read), '/'.join(map(str, sizes)),
                                                json.dumps(read[0].get('title')) if read else '-')


def tool(command, stdin_path, n):
    """Runs command under /usr/bin/time: a child of this Python would report Python's peak RSS
    as its own (Linux keeps the larger high-water mark across exec)."""
    with tempfile.NamedTemporaryFile('r') as usage, open(stdin_path) as stdin:
        start = time.monotonic()
        out = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', '-o', usage.name] + command, stdin=stdin,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        wall = time.monotonic() - start
        user, system, max_kib = usage.read().split()[-3:]
    return wall, float(user) + float(system), int(max_kib) / 1024, answered(out.decode(errors='replace'), n)


def answered(out, n):
    """How many targets a tool saw answer 200, from its output."""
    if out.startswith('curl-get '):   # curl with {curlgetcfg}
        sizes = sorted({line.split()[2] for line in out.splitlines()})
        return '%d/%d, bodies of %s B' % (out.count('curl-get 200 '), n, '/'.join(sizes))
    if 'Complete requests:' in out:   # ab
        fields = dict(line.split(':', 1) for line in out.splitlines() if ':' in line)
        return '%s/%d, failed %s, non-2xx %s' % (fields['Complete requests'].strip(), n,
                                                 fields['Failed requests'].strip(),
                                                 fields.get('Non-2xx responses', '0').strip())
    if '"status":' in out:   # headprobe probe --jsonl (its lines also hold "HTTP/1.1")
        return '%d/%d' % (out.count('"status":200'), n)
    if 'HTTP/' in out:   # curl -I
        return '%d/%d' % (out.count(' 200 OK'), n)
    words = out.split()   # seed_wget.py: seconds ok total
    return '%s/%s' % (words[1], words[2]) if len(words) == 3 else out[-60:]


class Budget:
    """At most `limit` connections opened in any 120 s (the kernel's connection tracking table
    holds a closed connection that long, and drops new ones when full)."""
    WINDOW = 120

    def __init__(self, limit):
        self.limit, self.runs = limit, []

    def admit(self, connections):
        while self.limit:
            now = time.monotonic()
            self.runs = [(at, k) for at, k in self.runs if at > now - self.WINDOW]
            if not self.runs or sum(k for _, k in self.runs) + connections <= self.limit:
                break
            time.sleep(self.runs[0][0] + self.WINDOW - now)
        self.runs.append((time.monotonic(), connections))


def main():
    out, n, c, runs, warmups, target_port = sys.argv[1], *map(int, sys.argv[2:7])
    target_pid = int(os.environ['TARGET_PID'])
    urls = ['http://127.0.0.1:%d/hello/%d' % (target_port, i) for i in range(n)]
    files = tempfile.mkdtemp()
    url_file, cfg_file, get_file = (os.path.join(files, name) for name in ('urls', 'curl.cfg', 'curl-get.cfg'))
    with open(url_file, 'w') as f:
        f.write('\n'.join(urls) + '\n')
    with open(cfg_file, 'w') as f:
        f.write(''.join('url = "%s"\n' % u for u in urls))
    with open(get_file, 'w') as f:
        f.write('write-out = "curl-get %{http_code} %{size_download}\\n"\n')
        f.write(''.join('url = "%s"\noutput = "/dev/null"\n' % u for u in urls))
    contenders = []
    for arg in sys.argv[7:]:
        name, spec = arg.split('=', 1)
        kind, rest = spec.split(':', 1)
        if kind.startswith('probe'):
            option = kind.partition('+')[2]
            request = {'targets': urls, 'concurrency': c, **({option: True} if option else {})}
            pid, port = map(int, rest.split(':'))
            contenders.append((name, n * (3 if option == 'audit' else 1),
                               lambda pid=pid, port=port, body=json.dumps(request).encode(), option=option:
                               probe(pid, port, body, n, option)))
        else:
            command = [w.format(urls=url_file, curlcfg=cfg_file, curlgetcfg=get_file, url=urls[0]) for w in shlex.split(rest)]
            contenders.append((name, n, lambda command=command: tool(command, url_file, n)))
    budget = Budget(int(os.environ.get('FANOUT_CONNECTIONS', 0)))
    for name, connections, run in contenders:
        for _ in range(warmups):
            budget.admit(connections)
            run()
    results = {name: [] for name, _, _ in contenders}
    for _ in range(runs):
        for name, connections, run in contenders:
            budget.admit(connections)
            before = cpu_seconds(target_pid)
            wall, cpu, rss, note = run()
            results[name].append((wall, cpu, rss, note, cpu_seconds(target_pid) - before))
    suffix = os.environ.get('FANOUT_BASE')
    base_of = (lambda name: name.rpartition(': ')[0] + ': ' + suffix) if suffix else (lambda name: 'ab')
    medians = {name: [statistics.median(r[i] for r in rows) for i in range(2)] for name, rows in results.items()}
    lines = ['| prober | wall (s), median | wall runs (s) | wall / {0} | CPU s (user+sys), median | CPU runs (s) '
             '| CPU / {0} | peak RSS (MiB) | targets\' CPU s per run | last run |'.format(suffix or 'ab'),
             '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |']
    for name, _, _ in contenders:
        rows = results[name]
        (wall, cpu), floor = medians[name], medians.get(base_of(name))
        lines.append('| %s | %.2f | %s | %s | %.2f | %s | %s | %.0f | %.2f | %s |' % (
            name, wall, ' '.join('%.2f' % r[0] for r in rows),
            '%.2fx' % (wall / floor[0]) if floor else '', cpu, ' '.join('%.2f' % r[1] for r in rows),
            '%.2fx' % (cpu / floor[1]) if floor and floor[1] else '', max(r[2] for r in rows),
            statistics.median(r[4] for r in rows), rows[-1][3]))
    with open(out, 'a') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
