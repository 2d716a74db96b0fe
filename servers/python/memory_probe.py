"""Memory one concurrent unit costs in Python: a pending coroutine (a task awaiting its own
asyncio.sleep), an idle thread (blocked on an Event), an idle process (multiprocessing,
fork, blocked on an Event). The counterpart of bench/tools/micro/probes/memory-probe.ts.

    /usr/bin/python3 servers/python/memory_probe.py coroutines|threads|processes COUNT

prints one JSON line with the MemoryUnitFigures fields (bench/tools/micro/types.ts), then ends
every unit it started and exits. Processes: each child's own VmRSS and Pss, averaged (a
forked child shares the interpreter's pages with its parent, which Pss splits).
"""

import asyncio
import gc
import json
import multiprocessing
import os
import sys
import threading


def proc_kib(pid, file, key):
    try:
        with open(f'/proc/{pid}/{file}') as f:
            for line in f:
                if line.startswith(key + ':'):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def snapshot():
    gc.collect()
    return proc_kib('self', 'status', 'VmRSS'), proc_kib('self', 'smaps_rollup', 'Pss')


def per_unit(after, before, count):
    return None if after is None or before is None else (after - before) / count


def figures(count, before, after, method):
    # No heap figure: tracemalloc would itself grow the memory it measures.
    return {
        'unitCount': count,
        'rssBytesPerUnit': per_unit(after[0], before[0], count),
        'pssBytesPerUnit': per_unit(after[1], before[1], count),
        'heapUsedBytesPerUnit': None,
        'method': method,
    }


def coroutines(count):
    async def main():
        before = snapshot()
        stop = asyncio.Event()

        async def unit():
            await stop.wait()

        tasks = [asyncio.ensure_future(unit()) for _ in range(count)]
        await asyncio.sleep(0.05)
        after = snapshot()
        stop.set()
        await asyncio.gather(*tasks)
        return figures(count, before, after, f'{count} asyncio tasks each awaiting an Event in one process; delta of VmRSS / Pss after gc.collect(), divided by {count}')

    return asyncio.run(main())


def threads(count):
    before = snapshot()
    stop = threading.Event()
    started = [threading.Thread(target=stop.wait) for _ in range(count)]
    for thread in started:
        thread.start()
    after = snapshot()
    stop.set()
    for thread in started:
        thread.join()
    return figures(count, before, after, f'{count} idle threads (default stack size) in one process; delta of VmRSS / Pss after gc.collect(), divided by {count}')


def processes(count):
    context = multiprocessing.get_context('fork')
    stop = context.Event()
    children = [context.Process(target=stop.wait) for _ in range(count)]
    for child in children:
        child.start()
    # Let each child settle after fork (first writes copy pages).
    import time

    time.sleep(0.3)
    rss = [proc_kib(child.pid, 'status', 'VmRSS') for child in children]
    pss = [proc_kib(child.pid, 'smaps_rollup', 'Pss') for child in children]
    stop.set()
    for child in children:
        child.join(5)
        if child.is_alive():
            child.kill()

    def mean(values):
        return None if any(v is None for v in values) else sum(values) / len(values)

    return {
        'unitCount': count,
        'rssBytesPerUnit': mean(rss),
        'pssBytesPerUnit': mean(pss),
        'heapUsedBytesPerUnit': None,
        'method': f"{count} idle multiprocessing processes (fork); mean of each child's VmRSS (/proc/PID/status) and Pss (/proc/PID/smaps_rollup)",
    }


if __name__ == '__main__':
    modes = {'coroutines': coroutines, 'threads': threads, 'processes': processes}
    if len(sys.argv) != 3 or sys.argv[1] not in modes or not sys.argv[2].isdigit() or int(sys.argv[2]) < 1:
        print(f"usage: memory_probe.py {'|'.join(modes)} COUNT", file=sys.stderr)
        sys.exit(2)
    print(json.dumps(modes[sys.argv[1]](int(sys.argv[2])), separators=(',', ':')))
    sys.stdout.flush()
    os._exit(0)
