"""Start-up, measured by one process: starts each command once per run and polls the port with raw
sockets every 0.5 ms (no process per attempt), so the slow path costs what it costs the app.

For every run: exec to listening (first accepted TCP connect), exec to first 200 on /hello/x,
RSS one second after that first 200 (and how much of it is pages of mapped files, the
executable's own included), and RSS after LOAD seconds of wrk (-t2 -c100) on /hello/x.
Builds alternate (a b a b ...); the table shows medians. The app's own start log is kept, to count
WARN lines and read Quarkus' "started in".

Usage: python3 startup.py OUT.md RUNS LOAD_SECONDS PORT NAME=COMMAND [NAME=COMMAND ...]
COMMAND is split like a shell word list; QUARKUS_HTTP_PORT and HEADPROBE_DELAY=0S are set for it."""
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REQUEST = b'GET /hello/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'
POLL_S = 0.0005
TIMEOUT_S = 60


def rss_mib(pid, field='VmRSS'):
    """VmRSS, or RssFile (pages of mapped files: the executable itself) or RssAnon."""
    with open('/proc/%d/status' % pid) as status:
        for line in status:
            if line.startswith(field + ':'):
                return int(line.split()[1]) / 1024
    return float('nan')


def poll(port, started):
    """Returns (ms to listening, ms to first 200), both from `started` (monotonic ns before exec)."""
    listening = None
    while True:
        if time.monotonic_ns() - started > TIMEOUT_S * 1e9:
            raise SystemExit('no 200 on port %d within %d s' % (port, TIMEOUT_S))
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.connect(('127.0.0.1', port))
            except OSError:
                time.sleep(POLL_S)
                continue
            if listening is None:
                listening = time.monotonic_ns()
            s.settimeout(TIMEOUT_S)
            try:
                s.sendall(REQUEST)
                head = s.recv(64)
            except OSError:
                head = b''
            if head.startswith(b'HTTP/1.1 200'):
                return (listening - started) / 1e6, (time.monotonic_ns() - started) / 1e6
        time.sleep(POLL_S)


def run_once(command, port, load_seconds, log):
    env = dict(os.environ, QUARKUS_HTTP_PORT=str(port), HEADPROBE_DELAY='0S')
    started = time.monotonic_ns()
    app = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        listening, first = poll(port, started)
        time.sleep(1)
        after_start = rss_mib(app.pid), rss_mib(app.pid, 'RssFile')
        subprocess.run(['wrk', '-t2', '-c100', '-d%ds' % load_seconds, 'http://127.0.0.1:%d/hello/x' % port],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        after_load = rss_mib(app.pid)
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
    return listening, first, after_start, after_load


def main():
    out, runs, load_seconds, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    builds = [arg.split('=', 1) for arg in sys.argv[5:]]
    results = {name: [] for name, _ in builds}
    logs = {name: [] for name, _ in builds}
    for _ in range(runs):
        for name, command in builds:
            with tempfile.TemporaryFile('w+') as log:
                results[name].append(run_once(shlex.split(command), port, load_seconds, log))
                log.seek(0)
                logs[name].append(log.read())
    lines = [
        '| build | exec to listening (ms) | exec to first 200 (ms) | Quarkus "started in" (s) '
        '| RSS 1 s after first 200 (MiB) | of which mapped files (MiB) | RSS after %d s of load (MiB) '
        '| WARN lines at start | first 200, every run (ms) |' % load_seconds,
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |']
    for name, command in builds:
        rows = results[name]
        med = [statistics.median(r[i] for r in rows) for i in (0, 1, 3)]
        start_rss = statistics.median(r[2][0] for r in rows)
        start_file = statistics.median(r[2][1] for r in rows)
        started_in = [m.group(1) for text in logs[name] for m in re.finditer(r'started in ([0-9.]+)s', text)]
        warns = max(len(re.findall(r'^\S+ \S+ WARN ', text, re.M)) for text in logs[name])
        lines.append('| %s | %.1f | %.1f | %s | %.0f | %.0f | %.0f | %d | %s |' % (
            name, med[0], med[1], statistics.median(map(float, started_in)) if started_in else '?',
            start_rss, start_file, med[2], warns, ' '.join('%.1f' % r[1] for r in rows)))
    lines.append('')
    lines.append('Commands: ' + '; '.join('%s = `%s`' % (name, command) for name, command in builds) + '.')
    for name, _ in builds:
        for line in logs[name][-1].splitlines():
            if ' WARN ' in line:
                lines.append('')
                lines.append('%s start log, last run: `%s`' % (name, line.strip()[:300]))
    with open(out, 'a') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


main()
