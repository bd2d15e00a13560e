"""Runs scans (POST /scans) of N loopback targets on PostgreSQL with one HeadProbe instance and with
two, free and pinned to cores (CONFIGS), alternating, each run on a fresh database; writes a
Markdown table of medians.

Per run: a fresh PostgreSQL (anchor/BenchPg.java, zonky's embedded server), K instances of the jar
on it, the N targets submitted as text/plain, GET /scans/{id} polled until the scan is done. Wall
time from the POST to done (the submit included), CPU seconds of the instances and of PostgreSQL
(/proc/PID/stat: the postmaster with its live and reaped backends) over the same span, and the rows
PostgreSQL wrote (pg_stat_database: inserted + updated + deleted).

Usage: scans.py OUT N RUNS TARGET_PORT FIRST_ADDRESS PER_HOST TARGETS_PID CLASSPATH JAR JAVA_OPTS FLAGS
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
import http.client

from fanout import TICK, cpu_seconds

FIRST_HTTP_PORT = int(os.environ.get("SCANS_HTTP_PORT", "18401"))


def tree_cpu_seconds(pid):
    """A process's CPU with its children's: live ones from their stat, reaped ones from its cutime/cstime."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    total = sum(int(v) for v in fields[11:15]) / TICK
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open('/proc/%s/stat' % entry) as f:
                    child = f.read().rsplit(')', 1)[1].split()
            except OSError:
                continue
            if int(child[1]) == pid:
                total += (int(child[11]) + int(child[12])) / TICK
    return total


def machine_busy_seconds():
    """CPU seconds all processes of the machine spent, from /proc/stat (other users' included)."""
    with open('/proc/stat') as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / TICK


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=600)
    connection.request(method, path, body, headers or {})
    answer = connection.getresponse()
    data = answer.read()
    connection.close()
    return answer.status, data


def wait_ready(port, process, deadline_s=90):
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit('instance on port %d exited with %s' % (port, process.returncode))
        try:
            if request(port, 'GET', '/q/health/ready')[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit('instance on port %d not ready after %d s' % (port, deadline_s))


class Pg:
    def __init__(self, classpath, anchor):
        self.process = subprocess.Popen(['java', '-cp', classpath, os.path.join(anchor, 'BenchPg.java')],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        words = self.process.stdout.readline().split()
        if not words or words[0] != 'ready':
            raise SystemExit('BenchPg did not start: %r' % words)
        self.port, self.pid = int(words[1]), int(words[2])
        self.settings = self.process.stdout.readline().split()[1:]

    def rows_written(self):
        self.process.stdin.write('stats\n')
        self.process.stdin.flush()
        inserted, updated, deleted, _ = map(int, self.process.stdout.readline().split())
        return inserted + updated + deleted

    def stop(self):
        self.process.stdin.write('quit\n')
        self.process.stdin.close()
        self.process.wait(60)


# (instances, pinned): pinned, instance i runs on core i alone (taskset), as if each had a machine
# of one core; PostgreSQL, the targets and this script run anywhere.
CONFIGS = [(1, False), (2, False), (1, True), (2, True)]
# SCANS_CONFIGS=1 runs the first alone (one instance, free): goal 7's figure, in a quarter of the time.
CONFIGS = CONFIGS[:int(os.environ.get('SCANS_CONFIGS', len(CONFIGS)))]


def label(config):
    k, pinned = config
    return '%d%s' % (k, (', pinned to core 0' if k == 1 else ', pinned one per core') if pinned else '')


def run(k, pinned, n, body, classpath, anchor, jar, java_opts, flags):
    pg = Pg(classpath, anchor)
    instances = []
    try:
        for i in range(k):
            port = FIRST_HTTP_PORT + i
            datasource = ['-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:%d/bench' % pg.port,
                          '-Dquarkus.datasource.username=postgres', '-Dquarkus.datasource.password=postgres']
            command = (['taskset', '-c', str(i % os.cpu_count())] if pinned else []) + ['java'] + shlex.split(java_opts) + ['-Dquarkus.http.port=%d' % port] + shlex.split(flags) \
                + datasource + ['-jar', jar]
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open('/tmp/bench-scans-%d.log' % i, 'w'))
            instances.append((process, port))
            # One after the other: the first applies the migrations under its advisory lock.
            wait_ready(port, process)
        rows_before = pg.rows_written()
        cpu_before = [cpu_seconds(p.pid) for p, _ in instances]
        pg_before = tree_cpu_seconds(pg.pid)
        machine_before = machine_busy_seconds()
        start = time.monotonic()
        status, data = request(instances[0][1], 'POST', '/scans?name=bench', body, {'Content-Type': 'text/plain'})
        if status != 202:
            raise SystemExit('POST /scans answered %d: %s' % (status, data[:300]))
        scan_id = json.loads(data)['id']
        submitted = time.monotonic() - start
        while True:
            scan = json.loads(request(instances[0][1], 'GET', '/scans/' + scan_id)[1])
            if scan['state'] not in ('queued', 'running'):
                break
            # Not more often: GET /scans/{id} counts the results by status, error and grade each time.
            time.sleep(0.5)
        wall = time.monotonic() - start
        cpu = [cpu_seconds(p.pid) - b for (p, _), b in zip(instances, cpu_before)]
        pg_cpu = tree_cpu_seconds(pg.pid) - pg_before
        machine = machine_busy_seconds() - machine_before
        # PostgreSQL 14's backends report their statistics at the end of a transaction at most every
        # 500 ms: the idle workers' next claims (every second) send the rest.
        time.sleep(2.5)
        rows = pg.rows_written() - rows_before
        return {'wall': wall, 'submit': submitted, 'cpu': sum(cpu), 'cpu_each': cpu, 'pg_cpu': pg_cpu, 'rows': rows,
                'machine': machine, 'settings': pg.settings,
                'outcome': '%s, %d/%d done, %d ok' % (scan['state'], scan['done'], n, scan['ok'])}
    finally:
        for process, _ in instances:
            process.terminate()
        for process, _ in instances:
            process.wait(60)
        pg.stop()


def main():
    out, n, runs, target_port, first_address, per_host = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
        int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
    targets_pid, classpath, jar, java_opts, flags = int(sys.argv[7]), sys.argv[8], sys.argv[9], sys.argv[10], sys.argv[11]
    anchor = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'anchor')
    a, b, c, d = map(int, first_address.split('.'))
    first = (a << 24) | (b << 16) | (c << 8) | d
    def host(i):
        address = first + i // per_host
        return '%d.%d.%d.%d' % (address >> 24, (address >> 16) & 255, (address >> 8) & 255, address & 255)
    body = ''.join('http://%s:%d/t/%d\n' % (host(i), target_port, i) for i in range(n)).encode()
    results = {config: [] for config in CONFIGS}
    targets_cpu_before = cpu_seconds(targets_pid)
    for round_ in range(runs):
        # Alternated, the order flipped each round, so that neither configuration always goes first.
        for config in (CONFIGS if round_ % 2 == 0 else CONFIGS[::-1]):
            r = run(*config, n, body, classpath, anchor, jar, java_opts, flags)
            results[config].append(r)
            print('round %d, %s instance(s): %.1f s (submit %.1f s), %.0f targets/s, HeadProbe CPU %.1f s %s, '
                  'PostgreSQL CPU %.1f s, machine busy %.2f of %d cores, %d rows, %.0f rows/s; %s' % (
                      round_ + 1, label(config), r['wall'], r['submit'], n / r['wall'], r['cpu'],
                      ['%.1f' % c for c in r['cpu_each']], r['pg_cpu'], r['machine'] / r['wall'], os.cpu_count(),
                      r['rows'], r['rows'] / r['wall'], r['outcome']),
                  flush=True)
    targets_cpu = cpu_seconds(targets_pid) - targets_cpu_before
    cores = os.cpu_count()
    lines = ['| instances | wall (s), median | wall runs (s) | submit (s) | targets/s | PostgreSQL rows written | rows/s '
             '| HeadProbe CPU (s) | HeadProbe CPU per target (ms) | PostgreSQL CPU (s) | PostgreSQL CPU per target (ms) '
             '| cores busy: HeadProbe, PostgreSQL, whole machine (of %d) | last run |' % cores,
             '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |']
    for config in CONFIGS:
        rs = results[config]
        med = lambda key: statistics.median(r[key] for r in rs)
        busy = lambda key: statistics.median(r[key] / r['wall'] for r in rs)
        wall = med('wall')
        lines.append('| %s | %.1f | %s | %.1f | %.0f | %d | %.0f | %.1f | %.3f | %.1f | %.3f | %.2f, %.2f, %.2f | %s |' % (
            label(config), wall, ' '.join('%.1f' % r['wall'] for r in rs), med('submit'), n / wall, med('rows'),
            statistics.median(r['rows'] / r['wall'] for r in rs), med('cpu'), med('cpu') / n * 1000, med('pg_cpu'),
            med('pg_cpu') / n * 1000, busy('cpu'), busy('pg_cpu'), busy('machine'), rs[-1]['outcome']))
    lines.append('')
    lines.append('Targets (delay_server) CPU over all runs: %.1f s. PostgreSQL: %s.'
                 % (targets_cpu, ', '.join(results[CONFIGS[0]][-1]['settings'])))
    with open(out, 'a') as f:
        f.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()
