"""loopbench's Python server: the article's own stack (FastAPI on uvicorn, asyncio, threads,
multiprocessing) behind the same contract as the Node.js servers (servers/serve.ts).

Started by the harness (bench/run/start-server.ts) as

    /usr/bin/python3 servers/python/serve.py '<ServerConfig JSON>' <mode>

with Debian's interpreter (a python3 earlier on PATH may not see Debian's python3-*
packages). It binds 127.0.0.1 port 0 itself, then speaks one JSON object per line:
stdout carries `{"type":"ready","url","pid","facts"}`, `{"type":"telemetry",...}` and
`{"type":"fatal","message"}`; stdin carries `{"type":"reset"}` and `{"type":"collect"}`
from the harness. Stdin reaching its end means the harness is gone: the server stops, so
it never outlives the run that started it. SIGTERM stops it cleanly; pool processes and
prefork workers die with it (PR_SET_PDEATHSIG, and the harness's process group kill).

Routes (answer bodies byte for byte those of the Node.js servers):
  GET /work?id=N   {"workload":W,"id":N,"value":V}, the scenario's workload run as `mode` says
  GET /noop?id=N   {"workload":"noop","id":N,"value":N}, at once on the event loop
  GET /health      {"ok":true}

Modes (the strategies py-blocking, py-asyncio, py-threads, py-processes, py-prefork):
  blocking   blocking code inside `async def` (time.sleep, pure-Python CPU): the article's mistake
  asyncio    awaited non-blocking code (asyncio.sleep), CPU in chunks with `await asyncio.sleep(0)`
  threads    blocking code in a ThreadPoolExecutor of poolSize threads (run_in_executor)
  processes  blocking code in a ProcessPoolExecutor of poolSize processes
  prefork    poolSize uvicorn processes sharing the listening socket, each `blocking`

Workloads: noop, sleep (sleepMs), cpu (cpuIterations; cpuKind `bytecode`: a pure-Python
loop that holds the GIL, or `native`: hashlib.pbkdf2_hmac, the Node.js servers' exact
PBKDF2-SHA256 chain, which releases the GIL while OpenSSL runs), upstream (fan-out to
the harness's upstream: aiohttp + asyncio.gather or sequential awaits; requests.get in a
row for the blocking modes), db (SQLite: sqlite3, asyncio: sqlite3 on the loop's thread
pool as aiosqlite does; PostgreSQL: psycopg2 vs asyncpg's pool), file (open().read(); asyncio: run_in_executor, as aiofiles).
`serve.py --facts` prints the interpreter's and packages' versions and calibrates the
bytecode loop (ns per iteration) as one JSON line, then exits.
"""

import asyncio
import concurrent.futures
import ctypes
import hashlib
import json
import os
import selectors
import signal
import socket
import sys
import threading
import time

MODES = ('blocking', 'asyncio', 'threads', 'processes', 'prefork')
WORKLOADS = ('noop', 'sleep', 'cpu', 'db', 'upstream', 'file')
CPU_KINDS = ('bytecode', 'native')
PBKDF2_CHUNK_ITERATIONS = 1000
BYTECODE_CHUNK_ITERATIONS = 20000
LAG_INTERVAL_S = 0.01
PR_SET_PDEATHSIG = 1


class ConfigError(Exception):
    """Bad parameters: reported as a fatal message naming what is wrong, exit code 2."""


# ---------------------------------------------------------------- workloads


def js_number(x):
    """The text JavaScript's String(Number(x)) gives for the numbers a scenario uses."""
    x = float(x)
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    return repr(x)


def pbkdf2_chain(seed, iterations):
    """Node's servers/workloads/cpu.ts hashChain: PBKDF2-SHA256 in chunks of 1000 rounds."""
    digest = str(seed).encode()
    done = 0
    while done < iterations:
        n = min(PBKDF2_CHUNK_ITERATIONS, iterations - done)
        digest = hashlib.pbkdf2_hmac('sha256', digest, b'loopbench', n, 32)
        done += n
    return digest.hex()[:16]


def bytecode_steps(x, iterations):
    """Pure-Python bytecode: a 32-bit linear congruential generator (holds the GIL throughout)."""
    for _ in range(iterations):
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
    return x


def bytecode_value(x):
    return format(x, '08x')


def upstream_urls(params, req_id):
    """As servers/workloads/upstream.ts callUrls: K calls `<url>/?q=id*K+k&ms=upstreamMs`."""
    fanout = int(params.get('fanout', 5))
    url = str(params['upstreamUrl']).rstrip('/')
    return [f"{url}/?q={req_id * fanout + k}&ms={js_number(params.get('upstreamMs', 50))}" for k in range(fanout)]


def upstream_number(status, text, url):
    if status != 200:
        raise RuntimeError(f'upstream answered {status} to {url}: {text[:200]}')
    return int(text)


_requests_session = threading.local()


def upstream_blocking(params, req_id):
    """requests.get, one call after another (a sync client cannot overlap calls): the article's mistake in async def."""
    import requests

    session = getattr(_requests_session, 'session', None)
    if session is None:
        session = _requests_session.session = requests.Session()
    total = 0
    for url in upstream_urls(params, req_id):
        response = session.get(url, timeout=60)
        total += upstream_number(response.status_code, response.text, url)
    return total


_aiohttp_session = None


async def upstream_async(params, req_id):
    """aiohttp: asyncio.gather of the K calls (mode=concurrent, the article's scraping example) or K awaits in a row."""
    global _aiohttp_session
    import aiohttp

    if _aiohttp_session is None:
        _aiohttp_session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

    async def fetch(url):
        async with _aiohttp_session.get(url) as response:
            return upstream_number(response.status, await response.text(), url)

    urls = upstream_urls(params, req_id)
    if params.get('mode', 'concurrent') == 'sequential':
        total = 0
        for url in urls:
            total += await fetch(url)
        return total
    return sum(await asyncio.gather(*(fetch(url) for url in urls)))


# ---- db: as servers/workloads/db.ts (same data, same queries, same answers)

DB_SQL = {
    'sqlite': {
        'fast': 'SELECT id, grp, amount FROM items WHERE id = ?',
        'slow': 'SELECT count(*) AS n, sum(amount) AS total FROM items WHERE id > ? AND id <= ?',
    },
    'psycopg2': {
        'fast': 'SELECT id, grp, amount FROM items WHERE id = %s',
        'slow': 'SELECT count(*) AS n, sum(amount) AS total FROM items WHERE id > %s AND id <= %s',
    },
    'asyncpg': {
        'fast': 'SELECT id, grp, amount FROM items WHERE id = $1',
        'slow': 'SELECT count(*) AS n, sum(amount) AS total FROM items WHERE id > $1 AND id <= $2',
    },
}
PG_SESSION = {'max_parallel_workers_per_gather': '0'}


def db_query(params, variant):
    query = variant or params.get('query', 'fast')
    if query not in ('fast', 'slow'):
        raise ValueError(f"db workload: unknown query variant {query!r} (fast | slow)")
    return query


def db_args(query, params, req_id):
    rows = int(params.get('dbRows', 200000))
    if query == 'fast':
        return (abs(req_id) % rows + 1,)
    slow_rows = min(rows, int(params.get('slowRows', rows)))
    start = (abs(req_id) * 7919) % (rows - slow_rows + 1)
    return (start, start + slow_rows)


def db_value(query, row):
    if row is None:
        raise RuntimeError(f'db workload: the {query} query found no row (database not seeded?)')
    if query == 'fast':
        return f'{int(row[0])}:{int(row[1])}:{int(row[2])}'
    return f'{int(row[0])}:{int(row[1] or 0)}'


_db_local = threading.local()


def db_blocking(params, req_id, variant):
    """The sync drivers: sqlite3 (stdlib) or psycopg2, one connection per thread."""
    query = db_query(params, variant)
    args = db_args(query, params, req_id)
    connection = getattr(_db_local, 'connection', None)
    if params.get('dbKind', 'sqlite') == 'postgres':
        import psycopg2

        if connection is None:
            connection = _db_local.connection = psycopg2.connect(params['databaseUrl'], options='-c max_parallel_workers_per_gather=0')
            connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(DB_SQL['psycopg2'][query], args)
            return db_value(query, cursor.fetchone())
    import sqlite3

    if connection is None:
        connection = _db_local.connection = sqlite3.connect(f"file:{params['dbPath']}?mode=ro", uri=True, check_same_thread=False)
    return db_value(query, connection.execute(DB_SQL['sqlite'][query], args).fetchone())


_asyncpg_pool = None


async def db_async(params, req_id, variant):
    """asyncpg's pool (the article's example) on PostgreSQL; on SQLite, which has no
    asynchronous driver in the stdlib, the sync driver on the loop's thread pool (what aiosqlite does)."""
    global _asyncpg_pool
    query = db_query(params, variant)
    args = db_args(query, params, req_id)
    if params.get('dbKind', 'sqlite') == 'postgres':
        import asyncpg

        if _asyncpg_pool is None:
            _asyncpg_pool = await asyncpg.create_pool(params['databaseUrl'], min_size=1, max_size=int(params.get('pgPoolSize', 10)), server_settings=PG_SESSION)
        row = await _asyncpg_pool.fetchrow(DB_SQL['asyncpg'][query], *args)
        return db_value(query, None if row is None else tuple(row))
    return await asyncio.get_running_loop().run_in_executor(None, db_blocking, params, req_id, variant)


def read_file(params):
    with open(params['filePath'], 'rb') as f:
        return f.read()


def file_value(req_id, data):
    """As servers/workloads/file.ts answer: `<bytes>:<byte at |id| mod n>:<last byte>`."""
    n = len(data)
    return '0::' if n == 0 else f'{n}:{data[abs(req_id) % n]}:{data[n - 1]}'


def check_params(workload, params):
    """Raises ConfigError when the parameters cannot run; returns the normalised ones."""
    if workload == 'sleep':
        sleep_ms = params.get('sleepMs')
        if not isinstance(sleep_ms, (int, float)) or isinstance(sleep_ms, bool) or not 0 < sleep_ms <= 60000:
            raise ConfigError(f'sleep: sleepMs must be a number in (0, 60000], got {sleep_ms!r}')
    if workload == 'upstream':
        if not params.get('upstreamUrl'):
            raise ConfigError('upstream: upstreamUrl is not set; the harness starts the upstream (bench/run/resources/upstream.ts)')
        if params.get('mode', 'concurrent') not in ('concurrent', 'sequential'):
            raise ConfigError(f"upstream: mode must be concurrent or sequential, got {params.get('mode')!r}")
    if workload == 'db':
        kind = params.get('dbKind', 'sqlite')
        if kind == 'postgres' and not params.get('databaseUrl'):
            raise ConfigError('db: databaseUrl is not set; run npm run db:setup (bench/run/resources/db.ts)')
        if kind == 'sqlite' and not os.path.isfile(str(params.get('dbPath', ''))):
            raise ConfigError(f"db: dbPath {params.get('dbPath')!r} is not a file; the harness seeds it (bench/run/resources/db.ts)")
        if kind not in ('sqlite', 'postgres'):
            raise ConfigError(f'db: dbKind must be sqlite or postgres, got {kind!r}')
    if workload == 'file':
        path = params.get('filePath')
        if not path or not os.path.isfile(path):
            raise ConfigError(f'file: filePath {path!r} is not a file; the harness creates it (bench/run/resources/file.ts)')
        size = os.path.getsize(path)
        if size != params.get('fileBytes', 65536):
            raise ConfigError(f"file: {path} has {size} bytes, expected fileBytes={params.get('fileBytes')}")
    if workload == 'cpu':
        iterations = params.get('cpuIterations')
        if not isinstance(iterations, int) or isinstance(iterations, bool) or iterations < 1:
            raise ConfigError(f'cpu: cpuIterations must be a positive integer (the harness calibrates it from cpuMs), got {iterations!r}')
        kind = params.get('cpuKind', 'bytecode')
        if kind not in CPU_KINDS:
            raise ConfigError(f"cpu: cpuKind must be one of {', '.join(CPU_KINDS)}, got {kind!r}")


def run_blocking(workload, params, req_id, variant=''):
    """The blocking implementation: holds the calling thread until the work is done."""
    if workload == 'noop':
        return req_id
    if workload == 'sleep':
        time.sleep(params['sleepMs'] / 1000)
        return f"{req_id}:{js_number(params['sleepMs'])}"
    if workload == 'cpu':
        if params.get('cpuKind', 'bytecode') == 'native':
            return pbkdf2_chain(req_id, params['cpuIterations'])
        return bytecode_value(bytecode_steps(req_id & 0xFFFFFFFF, params['cpuIterations']))
    if workload == 'db':
        return db_blocking(params, req_id, variant)
    if workload == 'upstream':
        return upstream_blocking(params, req_id)
    if workload == 'file':
        return file_value(req_id, read_file(params))
    raise ConfigError(f'unknown workload {workload!r}')


async def run_async(workload, params, req_id, variant=''):
    """The non-blocking implementation: yields the event loop while it waits (and between CPU chunks)."""
    if workload == 'noop':
        return req_id
    if workload == 'sleep':
        await asyncio.sleep(params['sleepMs'] / 1000)
        return f"{req_id}:{js_number(params['sleepMs'])}"
    if workload == 'cpu':
        iterations = params['cpuIterations']
        if params.get('cpuKind', 'bytecode') == 'native':
            digest = str(req_id).encode()
            done = 0
            while done < iterations:
                if done:
                    await asyncio.sleep(0)
                n = min(PBKDF2_CHUNK_ITERATIONS, iterations - done)
                digest = hashlib.pbkdf2_hmac('sha256', digest, b'loopbench', n, 32)
                done += n
            return digest.hex()[:16]
        x = req_id & 0xFFFFFFFF
        done = 0
        while done < iterations:
            if done:
                await asyncio.sleep(0)
            n = min(BYTECODE_CHUNK_ITERATIONS, iterations - done)
            x = bytecode_steps(x, n)
            done += n
        return bytecode_value(x)
    if workload == 'db':
        return await db_async(params, req_id, variant)
    if workload == 'upstream':
        return await upstream_async(params, req_id)
    if workload == 'file':
        # The stdlib has no asynchronous file read: asyncio code hands it to the loop's
        # default thread pool (what aiofiles does), as Node's fs/promises uses libuv's.
        return file_value(req_id, await asyncio.get_running_loop().run_in_executor(None, read_file, params))
    raise ConfigError(f'unknown workload {workload!r}')


# ---------------------------------------------------------------- telemetry


class TimedSelector(selectors.DefaultSelector):
    """Counts the time the event loop waits in select(): utilisation = 1 - idle / wall (as Node's ELU)."""

    def __init__(self):
        super().__init__()
        self.idle_s = 0.0

    def select(self, timeout=None):
        start = time.perf_counter()
        try:
            return super().select(timeout)
        finally:
            self.idle_s += time.perf_counter() - start


class LoopTelemetry:
    """Event-loop delay (a lag monitor task: how late a 10 ms asyncio.sleep wakes) and utilisation."""

    def __init__(self, selector):
        self.selector = selector
        self.lock = threading.Lock()
        self.requests_served = 0
        self.due = time.perf_counter() + LAG_INTERVAL_S
        self.reset()

    def reset(self):
        with self.lock:
            self.delays_ms = []
            self.requests_served = 0
            self.wall_start = time.perf_counter()
            self.idle_start = self.selector.idle_s

    async def monitor(self):
        while True:
            start = time.perf_counter()
            self.due = start + LAG_INTERVAL_S
            await asyncio.sleep(LAG_INTERVAL_S)
            late_ms = max(0.0, (time.perf_counter() - self.due) * 1000)
            with self.lock:
                self.delays_ms.append(late_ms)

    def collect(self):
        with self.lock:
            samples = list(self.delays_ms)
            # A loop blocked right now (e.g. one ready-queue pass running 50 blocking
            # handlers) has not let the monitor wake: count how late it is already, or
            # a window spent entirely blocked would report no delay at all.
            overdue_ms = (time.perf_counter() - self.due) * 1000
            if overdue_ms > 0:
                samples.append(overdue_ms)
            samples.sort()
            wall = max(1e-9, time.perf_counter() - self.wall_start)
            idle = self.selector.idle_s - self.idle_start
            served = self.requests_served

        def pct(p):
            if not samples:
                return 0.0
            return samples[min(len(samples) - 1, max(0, int(-(-p * len(samples) // 100)) - 1))]

        return {
            'eventLoopDelayMs': {
                'mean': sum(samples) / len(samples) if samples else 0.0,
                'p50': pct(50),
                'p90': pct(90),
                'p99': pct(99),
                'max': samples[-1] if samples else 0.0,
            },
            'eventLoopUtilization': min(1.0, max(0.0, 1 - idle / wall)),
            'requestsServed': served,
            'serverProcesses': 1,
        }


def merge_telemetry(parts):
    """As servers/telemetry.ts mergeTelemetry: delay the worst process, utilisation the mean."""
    n = max(1, len(parts))
    delay = {k: max([0.0] + [p['eventLoopDelayMs'][k] for p in parts]) for k in ('p50', 'p90', 'p99', 'max')}
    delay['mean'] = sum(p['eventLoopDelayMs']['mean'] for p in parts) / n
    return {
        'eventLoopDelayMs': delay,
        'eventLoopUtilization': sum(p['eventLoopUtilization'] for p in parts) / n,
        'requestsServed': sum(p['requestsServed'] for p in parts),
        'serverProcesses': len(parts),
    }


# ---------------------------------------------------------------- the channel to the harness

_stdout_lock = threading.Lock()


def emit(message):
    line = json.dumps(message, separators=(',', ':')) + '\n'
    with _stdout_lock:
        sys.stdout.write(line)
        sys.stdout.flush()


def die_with_parent():
    """PR_SET_PDEATHSIG: the kernel sends SIGKILL to this process when its parent dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def read_commands(on_command, on_end):
    """Reads the harness's commands from stdin on a thread; end of input means the harness is gone."""

    def loop():
        for line in sys.stdin:
            line = line.strip()
            if not line:
                continue
            try:
                on_command(json.loads(line))
            except Exception as error:  # a bad line must not stop the server
                print(f'serve.py: ignoring command {line!r}: {error}', file=sys.stderr)
        on_end()

    threading.Thread(target=loop, name='loopbench-commands', daemon=True).start()


# ---------------------------------------------------------------- the app


def request_id(raw):
    """As servers/route.ts requestIdOf: Number(id) when a safe integer, else 0."""
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return 0
    if not value.is_integer() or abs(value) > 2 ** 53 - 1:
        return 0
    return int(value)


def build_app(mode, workload, params, telemetry, executor):
    from fastapi import FastAPI

    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    if mode in ('blocking', 'prefork'):
        async def compute(req_id, variant):
            return run_blocking(workload, params, req_id, variant)  # blocks the loop: the article's mistake
    elif mode == 'asyncio':
        async def compute(req_id, variant):
            return await run_async(workload, params, req_id, variant)
    else:
        async def compute(req_id, variant):
            return await asyncio.get_running_loop().run_in_executor(executor, run_blocking, workload, params, req_id, variant)

    @app.get('/work')
    async def work(id: str = '0', variant: str = ''):
        req_id = request_id(id)
        return {'workload': workload, 'id': req_id, 'value': await compute(req_id, variant)}

    @app.get('/noop')
    async def noop(id: str = '0'):
        req_id = request_id(id)
        return {'workload': 'noop', 'id': req_id, 'value': req_id}

    @app.get('/health')
    async def health():
        return {'ok': True}

    async def counted(scope, receive, send):
        # A bare ASGI wrapper (not a middleware: that would add work to every request).
        if scope['type'] == 'http':
            telemetry.requests_served += 1
        await app(scope, receive, send)

    return counted


def make_executor(mode, pool_size):
    if mode == 'threads':
        return concurrent.futures.ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix='loopbench-pool')
    if mode == 'processes':
        import multiprocessing

        pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=pool_size, mp_context=multiprocessing.get_context('fork'), initializer=die_with_parent
        )
        # Start every process now (fork context starts them all at the first submit), before
        # any thread or event loop exists in this process.
        list(pool.map(abs, range(pool_size)))
        return pool
    return None


def stop_executor(executor):
    if executor is None:
        return
    if isinstance(executor, concurrent.futures.ProcessPoolExecutor):
        processes = list(getattr(executor, '_processes', {}).values())
        for process in processes:
            try:
                process.kill()
            except Exception:
                pass
        # Reap them before this process exits: a SIGKILLed child is not gone until it has
        # died, and the harness checks every pid of the tree right after the server exits.
        for process in processes:
            try:
                process.join(timeout=2)
            except Exception:
                pass
    executor.shutdown(wait=False, cancel_futures=True)


def serve_one(mode, workload, params, sock, control, pool_size):
    """One uvicorn server process on `sock`; `control(telemetry, server)` wires the harness channel."""
    import uvicorn

    executor = make_executor(mode, pool_size)
    selector = TimedSelector()
    loop = asyncio.SelectorEventLoop(selector)
    asyncio.set_event_loop(loop)
    telemetry = LoopTelemetry(selector)
    app = build_app(mode, workload, params, telemetry, executor)
    config = uvicorn.Config(app, loop='none', lifespan='off', log_level='warning', access_log=False, timeout_keep_alive=120)
    server = uvicorn.Server(config)

    async def main():
        monitor = asyncio.ensure_future(telemetry.monitor())
        control(telemetry, server, loop)
        try:
            await server.serve(sockets=[sock])
        finally:
            monitor.cancel()

    try:
        loop.run_until_complete(main())
    finally:
        stop_executor(executor)


def bind(host):
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    # proto=IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on an accepted connection only when
    # its socket says IPPROTO_TCP (accepted sockets copy the listening socket's proto). Without
    # it, h11 writes headers and body in two sends and Nagle + the client's delayed ACK add
    # ~40 ms to every keep-alive answer (DESIGN.md, known traps). TCP_NODELAY on the listening
    # socket too: Linux passes it on to accepted sockets.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    sock.listen(2048)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    return sock, f"http://{f'[{host}]' if ':' in host else host}:{port}"


def stop_server(server, loop):
    loop.call_soon_threadsafe(setattr, server, 'should_exit', True)


def run_single(mode, workload, params, host, pool_size, facts):
    sock, url = bind(host)

    def control(telemetry, server, loop):
        def on_command(message):
            if message.get('type') == 'reset':
                telemetry.reset()
            elif message.get('type') == 'collect':
                emit({'type': 'telemetry', 'telemetry': telemetry.collect()})

        read_commands(on_command, lambda: stop_server(server, loop))
        # Ready once uvicorn has started on the socket (the first loop iteration after startup).
        async def announce():
            while not server.started:
                await asyncio.sleep(0.005)
            emit({'type': 'ready', 'url': url, 'pid': os.getpid(), 'facts': facts})

        asyncio.ensure_future(announce())

    serve_one(mode, workload, params, sock, control, pool_size)


def run_prefork(workload, params, host, pool_size, facts):
    """pool_size uvicorn processes accept on one inherited listening socket (as uvicorn --workers)."""
    # Imported once here, before the forks: each worker inherits them instead of paying
    # FastAPI's and uvicorn's imports (~0.5 s of CPU) again.
    import fastapi  # noqa: F401
    import uvicorn  # noqa: F401

    sock, url = bind(host)
    children = []  # (pid, control socket)
    for _ in range(pool_size):
        parent_end, child_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            parent_end.close()
            die_with_parent()
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            child_io = child_end.makefile('rw')

            def control(telemetry, server, loop, child_io=child_io):
                def answer():
                    for line in child_io:
                        message = json.loads(line)
                        if message.get('type') == 'reset':
                            telemetry.reset()
                        elif message.get('type') == 'collect':
                            child_io.write(json.dumps(telemetry.collect()) + '\n')
                            child_io.flush()
                    stop_server(server, loop)

                threading.Thread(target=answer, daemon=True).start()

                async def announce():
                    while not server.started:
                        await asyncio.sleep(0.005)
                    child_io.write(json.dumps({'ready': True}) + '\n')
                    child_io.flush()

                asyncio.ensure_future(announce())

            try:
                serve_one('prefork', workload, params, sock, control, pool_size)
            finally:
                os._exit(0)
        child_end.close()
        children.append((pid, parent_end.makefile('rw')))

    for _, child_io in children:
        if not child_io.readline():
            raise RuntimeError('a prefork worker exited during start')

    stopping = threading.Event()
    lock = threading.Lock()

    def on_command(message):
        with lock:
            for _, child_io in children:
                child_io.write(json.dumps(message) + '\n')
                child_io.flush()
            if message.get('type') == 'collect':
                parts = [json.loads(child_io.readline() or 'null') for _, child_io in children]
                emit({'type': 'telemetry', 'telemetry': merge_telemetry([p for p in parts if p])})

    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())
    read_commands(on_command, stopping.set)
    emit({'type': 'ready', 'url': url, 'pid': os.getpid(), 'facts': facts})
    alive = {pid for pid, _ in children}
    while not stopping.wait(0.1):
        for pid in list(alive):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                alive.discard(pid)
                emit({'type': 'fatal', 'message': f'prefork worker {pid} died (status {status})'})
                stopping.set()
    for pid in alive:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            alive.discard(pid)
    deadline = time.monotonic() + 2
    while alive and time.monotonic() < deadline:
        for pid in list(alive):
            if os.waitpid(pid, os.WNOHANG)[0]:
                alive.discard(pid)
        time.sleep(0.02)
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


# ---------------------------------------------------------------- facts and entry


def interpreter_facts():
    """What every ready message carries: the interpreter, read without touching the package
    metadata (importlib.metadata scans every installed distribution: ~0.2 s of CPU at each
    server start). The package versions are read once per suite (`--facts`)."""
    import platform

    return {
        'executable': sys.executable,
        'pythonVersion': platform.python_version(),
        'implementation': platform.python_implementation(),
    }


def facts():
    """Interpreter and package versions, recorded with the results."""
    import importlib.metadata
    import platform

    versions = {}
    for dist in ('fastapi', 'starlette', 'uvicorn', 'h11', 'pydantic', 'asyncpg', 'aiohttp', 'psycopg2', 'requests', 'uvloop'):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    return {
        'executable': sys.executable,
        'pythonVersion': platform.python_version(),
        'implementation': platform.python_implementation(),
        'packages': versions,
        'eventLoop': 'asyncio (SelectorEventLoop)',
        'http': 'uvicorn h11',
    }


def calibrate_bytecode(trials=7, iterations=200_000):
    """CPU ns per bytecode_steps iteration on this machine: the minimum over trials (interference only slows)."""
    bytecode_steps(1, iterations // 10)
    best = float('inf')
    for trial in range(trials):
        start = time.thread_time_ns()
        bytecode_steps(trial, iterations)
        best = min(best, (time.thread_time_ns() - start) / iterations)
    return best


def main(argv):
    if len(argv) >= 2 and argv[1] == '--facts':
        emit({**facts(), 'bytecodeNsPerIteration': calibrate_bytecode()})
        return 0
    if len(argv) != 3:
        raise ConfigError("usage: serve.py '<ServerConfig JSON>' <mode> | serve.py --facts")
    config = json.loads(argv[1])
    mode = argv[2]
    workload = config.get('workload')
    params = config.get('params') or {}
    pool_size = config.get('poolSize') or os.cpu_count() or 1
    host = config.get('host') or '127.0.0.1'
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; allowed: {', '.join(MODES)}")
    if workload not in WORKLOADS:
        raise ConfigError(f"{config.get('strategy')}: workload {workload!r} is not implemented by the Python servers; implemented: {', '.join(WORKLOADS)}")
    if not isinstance(pool_size, int) or pool_size < 1:
        raise ConfigError(f'poolSize must be a positive integer, got {pool_size!r}')
    check_params(workload, params)
    if config.get('injectSlowdownPct'):
        raise ConfigError('--inject-slowdown is implemented by the Node.js servers only')
    known = interpreter_facts()
    if mode == 'prefork':
        run_prefork(workload, params, host, pool_size, known)
    else:
        run_single(mode, workload, params, host, pool_size, known)
    return 0


if __name__ == '__main__':
    try:
        code = main(sys.argv)
    except ConfigError as error:
        emit({'type': 'fatal', 'message': str(error)})
        print(f'serve.py: {error}', file=sys.stderr)
        code = 2
    except Exception as error:
        import traceback

        traceback.print_exc()
        emit({'type': 'fatal', 'message': f'{type(error).__name__}: {error}'})
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit: do not wait for pool threads still sleeping through a request.
    os._exit(code)
