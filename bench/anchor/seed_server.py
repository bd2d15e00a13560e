"""The seed's aiohttp server, as the anchor HeadProbe is measured against:
/ and /hello/{name} answer after a non-blocking asyncio.sleep.
Usage: python3 seed_server.py PORT DELAY_SECONDS   (Debian's python3-aiohttp)"""
import asyncio
import html
import sys

from aiohttp import web

DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0


async def index(request):
    if DELAY:
        await asyncio.sleep(DELAY)
    return web.Response(body=b'<h1>Index</h1>', content_type='text/html')


async def hello(request):
    if DELAY:
        await asyncio.sleep(DELAY)
    text = '<h1>hello, %s!</h1>' % html.escape(request.match_info['name'])
    return web.Response(body=text.encode('utf-8'), content_type='text/html')


app = web.Application()
app.router.add_route('GET', '/', index)
app.router.add_route('GET', '/hello/{name}', hello)
web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), access_log=None, print=None, backlog=16384)
