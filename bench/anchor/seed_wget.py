"""The seed's asyncio "wget": GET / HTTP/1.0, read the response head until the blank line, close.
Fetches every URL read from stdin (http://host:port/path), at most CONCURRENCY at once, and
prints how many answered and the wall time.
Usage: python3 seed_wget.py CONCURRENCY < urls.txt"""
import asyncio
import sys
import time
from urllib.parse import urlsplit


async def wget(url, limit):
    parts = urlsplit(url)
    async with limit:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        writer.write(('GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' % (parts.path or '/', parts.hostname)).encode())
        await writer.drain()
        status = await reader.readline()
        while True:
            line = await reader.readline()
            if line in (b'\r\n', b''):
                break
        writer.close()
        return status.startswith(b'HTTP/1.1 200') or status.startswith(b'HTTP/1.0 200')


async def main():
    urls = [line.strip() for line in sys.stdin if line.strip()]
    limit = asyncio.Semaphore(int(sys.argv[1]))
    start = time.monotonic()
    results = await asyncio.gather(*(wget(u, limit) for u in urls), return_exceptions=True)
    took = time.monotonic() - start
    ok = sum(1 for r in results if r is True)
    print('%.3f %d %d' % (took, ok, len(urls)))


asyncio.run(main())
