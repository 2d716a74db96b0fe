"""The article's own examples, run as written (its sleeps of 1-2 s included), timed.

    /usr/bin/python3 servers/python/snippets.py [--scale F]

prints one JSON line: {"snippets": [{"name", "quote", "wallMs", "idealMs"}], "python": ...}.
`--scale F` multiplies every sleep (default 1: as written). The tasks' print() output is
the article's; it goes to stderr so stdout stays one JSON line.

- blocking-task:      `def task(): time.sleep(2); return "Done"` then `print(task())`
- gather-three-tasks: `asyncio.gather(task("A"), task("B"), task("C"))`, each `await asyncio.sleep(2)`
- sequential-three:   the same three tasks awaited one after another (what gather is compared with)
- gather-time-sleep:  the same gather, with `time.sleep(2)` inside `async def` (the article's mistake)
- fastapi-root-x10:   the article's FastAPI route (`await asyncio.sleep(1)`), 10 requests at once
"""

import asyncio
import contextlib
import json
import platform
import socket
import sys
import threading
import time


def timed(run):
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def main(argv):
    scale = 1.0
    if len(argv) == 3 and argv[1] == '--scale':
        scale = float(argv[2])
        if not 0 < scale <= 1:
            print(f'snippets.py: --scale must be in (0, 1], got {argv[2]}', file=sys.stderr)
            return 2
    elif len(argv) != 1:
        print('usage: snippets.py [--scale F]', file=sys.stderr)
        return 2
    out = sys.stderr
    results = []

    # "Example of blocking code"
    def task_blocking():
        time.sleep(2 * scale)
        return 'Done'

    results.append({
        'name': 'blocking-task',
        'quote': 'This blocks the program for 2 seconds.',
        'wallMs': timed(lambda: print(task_blocking(), file=out)),
        'idealMs': 2000 * scale,
    })

    # "Running Multiple Tasks Concurrently"
    async def task(name):
        print(f'Task {name} started', file=out)
        await asyncio.sleep(2 * scale)
        print(f'Task {name} completed', file=out)

    async def gather_main():
        await asyncio.gather(task('A'), task('B'), task('C'))

    async def sequential_main():
        for name in ('A', 'B', 'C'):
            await task(name)

    results.append({
        'name': 'gather-three-tasks',
        'quote': 'Tasks run concurrently ... Execution time is reduced',
        'wallMs': timed(lambda: asyncio.run(gather_main())),
        'idealMs': 2000 * scale,
    })
    results.append({
        'name': 'sequential-three-tasks',
        'quote': 'Improved performance compared to sequential execution',
        'wallMs': timed(lambda: asyncio.run(sequential_main())),
        'idealMs': 6000 * scale,
    })

    # "Common Asyncio Mistakes: Using time.sleep() instead of asyncio.sleep()"
    async def task_time_sleep(name):
        print(f'Task {name} started', file=out)
        time.sleep(2 * scale)
        print(f'Task {name} completed', file=out)

    async def gather_time_sleep():
        await asyncio.gather(task_time_sleep('A'), task_time_sleep('B'), task_time_sleep('C'))

    results.append({
        'name': 'gather-time-sleep',
        'quote': 'Using time.sleep() instead of asyncio.sleep()',
        'wallMs': timed(lambda: asyncio.run(gather_time_sleep())),
        'idealMs': 6000 * scale,
    })

    # "Building Async APIs with FastAPI"
    results.append({
        'name': 'fastapi-root-x10',
        'quote': 'Handles thousands of concurrent requests ... Lower response time',
        'wallMs': fastapi_root(scale, 10),
        'idealMs': 1000 * scale,
    })
    print(json.dumps({'scale': scale, 'python': platform.python_version(), 'snippets': results}, separators=(',', ':')))
    return 0


def fastapi_root(scale, requests):
    """The article's route on uvicorn (port 0 on 127.0.0.1); the wall time of `requests` GETs sent at once."""
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.get('/')
    async def root():
        await asyncio.sleep(1 * scale)
        return {'message': 'Hello Async'}

    # IPPROTO_TCP so that asyncio sets TCP_NODELAY on accepted connections (see serve.py bind()).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(('127.0.0.1', 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level='warning', lifespan='off', loop='asyncio'))
    thread = threading.Thread(target=server.run, kwargs={'sockets': [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)

    async def client():
        async def get():
            reader, writer = await asyncio.open_connection('127.0.0.1', port)
            writer.write(b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
            body = await reader.read()
            writer.close()
            if b'Hello Async' not in body:
                raise RuntimeError(f'unexpected answer {body[:120]!r}')

        await asyncio.gather(*(get() for _ in range(requests)))

    try:
        return timed(lambda: asyncio.run(client()))
    finally:
        server.should_exit = True
        thread.join(5)
        with contextlib.suppress(OSError):
            sock.close()


if __name__ == '__main__':
    sys.exit(main(sys.argv))
