"""Exec to exit of `headprobe probe URL` (and `headprobe audit ... --url URL`), one loopback target answering at once: the native binary,
the jar and `curl -sI` (the floor), alternating (each round starting one contender later), after warm-ups; medians. The target is a plain socket server in a thread
of this process (one request per run costs it nothing measurable).

Usage: python3 cli_startup.py RUNS NAME=COMMAND ...   (COMMAND gets the target URL appended)"""
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time


def serve(listener):
    while True:
        connection, _ = listener.accept()
        with connection:
            data = b''
            while b'\r\n\r\n' not in data:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                data += chunk
            connection.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')


def main():
    runs = int(sys.argv[1])
    contenders = [arg.split('=', 1) for arg in sys.argv[2:]]
    listener = socket.socket()
    listener.bind(('127.0.0.1', 0))
    listener.listen(16)
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    url = 'http://127.0.0.1:%d/' % listener.getsockname()[1]
    times = {name: [] for name, _ in contenders}
    for round_ in range(runs + 2):          # the first two rounds warm the page cache
        # Each round starts one contender later: a native run right after a JVM's (which leaves the
        # caches cold) would otherwise always be the same one.
        shift = round_ % len(contenders)
        for name, command in contenders[shift:] + contenders[:shift]:
            start = time.perf_counter()
            done = subprocess.run(shlex.split(command) + [url], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            elapsed = time.perf_counter() - start
            # HeadProbe prints its JSON result (a probe's status, an audit's grade), curl -sI the status line.
            if done.returncode != 0 or (b'"status":200' not in done.stdout and b'"grade":' not in done.stdout
                                        and not done.stdout.startswith(b'HTTP/1.1 200')):
                sys.exit('%s failed (exit %d): %s %s' % (name, done.returncode, done.stdout[:200], done.stderr[:200]))
            if round_ >= 2:
                times[name].append(elapsed * 1000)
    floor = next((statistics.median(values) for name, values in times.items() if name.startswith('curl')), None)
    print('| command | exec to exit, median of %d (ms) | vs curl -sI | runs (ms) |' % runs)
    print('| --- | --- | --- | --- |')
    for name, values in times.items():
        median = statistics.median(values)
        ratio = '%.1fx' % (median / floor) if floor else ''
        print('| %s | %.1f | %s | %s |' % (name, median, ratio, ', '.join('%.0f' % v for v in values)))


main()
