/**
 * The lean driver's HTTP/1.x response parser on its own: whole and split responses
 * (every split point), chunked bodies, keep-alive sequences, non-2xx, framing edge cases,
 * and a reused read buffer (what the parser keeps must be copied). Plus the request
 * template and the exact expected bodies.
 */
import { describe, expect, it } from 'vitest';
import { requestTemplate } from '../../bench/drivers/lean/http1-connection.js';
import { Http1ResponseParser } from '../../bench/drivers/lean/http1-response-parser.js';
import { expectedBodyFor, workPath } from '../../bench/run/validate-response.js';

interface Seen {
  status: number;
  body: string;
  closeAfter: boolean;
}

function parser(): { p: Http1ResponseParser; seen: Seen[] } {
  const seen: Seen[] = [];
  const p = new Http1ResponseParser((status, body, closeAfter) => seen.push({ status, body, closeAfter }));
  return { p, seen };
}

const body = '{"workload":"noop","id":7,"value":7}';
const fastifyLike = (b: string, status = '200 OK') =>
  `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(b)}\r\n` +
  `Date: Tue, 24 Nov 2026 17:52:36 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=120\r\n\r\n${b}`;
const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n' + '7;ext=1\r\n{"a":"b\r\n' + 'C\r\n","c":"dé"}\r\n' + '0\r\nX-Trailer: t\r\n\r\n';

/** Feeds `text` cut at the given byte offsets. */
function feed(p: Http1ResponseParser, text: string, cuts: number[]): (string | undefined)[] {
  const bytes = Buffer.from(text);
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, i) => p.push(bytes.subarray(edges[i], end)));
}

describe('Http1ResponseParser', () => {
  it('parses a whole response in one chunk', () => {
    const { p, seen } = parser();
    expect(p.push(Buffer.from(fastifyLike(body)))).toBeUndefined();
    expect(seen).toEqual([{ status: 200, body, closeAfter: false }]);
    expect(p.midResponse).toBe(false);
  });

  it('gives the same answer whatever byte the response is split at (head, CRLFCRLF, body)', () => {
    const text = fastifyLike(body);
    for (let cut = 1; cut < Buffer.byteLength(text); cut++) {
      const { p, seen } = parser();
      expect(feed(p, text, [cut]), `cut at ${cut}`).toEqual([undefined, undefined]);
      expect(seen, `cut at ${cut}`).toEqual([{ status: 200, body, closeAfter: false }]);
    }
  });

  it('parses a response delivered one byte at a time', () => {
    const text = fastifyLike(body);
    const { p, seen } = parser();
    feed(p, text, Array.from({ length: Buffer.byteLength(text) - 1 }, (_, i) => i + 1));
    expect(seen).toEqual([{ status: 200, body, closeAfter: false }]);
  });

  it('decodes chunked bodies (extensions and trailers ignored, multi-byte utf8), split anywhere', () => {
    const expected = [{ status: 200, body: '{"a":"b","c":"dé"}', closeAfter: false }];
    const whole = parser();
    expect(whole.p.push(Buffer.from(chunked))).toBeUndefined();
    expect(whole.seen).toEqual(expected);
    for (let cut = 1; cut < Buffer.byteLength(chunked); cut++) {
      const { p, seen } = parser();
      expect(feed(p, chunked, [cut]), `cut at ${cut}`).toEqual([undefined, undefined]);
      expect(seen, `cut at ${cut}`).toEqual(expected);
    }
    const bytewise = parser();
    feed(bytewise.p, chunked, Array.from({ length: Buffer.byteLength(chunked) - 1 }, (_, i) => i + 1));
    expect(bytewise.seen).toEqual(expected);
  });

  it('delivers a keep-alive sequence in order, whatever the chunking', () => {
    const bodies = ['{"id":1}', '', '{"id":3}'];
    const text = fastifyLike(bodies[0]!) + 'HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n' + fastifyLike(bodies[2]!) + chunked + fastifyLike('{"id":5}');
    const expected = [200, 204, 200, 200, 200];
    for (const cuts of [[], [10, 200, 201, 333], [fastifyLike(bodies[0]!).length]]) {
      const { p, seen } = parser();
      feed(p, text, cuts);
      expect(seen.map((s) => s.status)).toEqual(expected);
      expect(seen.map((s) => s.body)).toEqual(['{"id":1}', '', '{"id":3}', '{"a":"b","c":"dé"}', '{"id":5}']);
    }
  });

  it('reports non-2xx answers with their bodies, and 304 / 204 / HEAD-less empty bodies', () => {
    const { p, seen } = parser();
    p.push(Buffer.from(fastifyLike('{"message":"Route GET:/x not found"}', '404 Not Found')));
    p.push(Buffer.from('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 3\r\n\r\nbad'));
    p.push(Buffer.from('HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n'));
    p.push(Buffer.from('HTTP/1.1 503\r\nContent-Length: 0\r\n\r\n'));
    expect(seen.map((s) => [s.status, s.body])).toEqual([
      [404, '{"message":"Route GET:/x not found"}'],
      [500, 'bad'],
      [304, ''],
      [503, ''],
    ]);
  });

  it('skips 100 Continue, and reads a body without length until the server closes', () => {
    const { p, seen } = parser();
    p.push(Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello '));
    p.push(Buffer.from('world'));
    expect(seen).toEqual([]);
    expect(p.end()).toBeUndefined();
    expect(seen).toEqual([{ status: 200, body: 'hello world', closeAfter: true }]);
  });

  it('flags Connection: close (any case) and HTTP/1.0 without keep-alive', () => {
    const { p, seen } = parser();
    p.push(Buffer.from('HTTP/1.1 200 OK\r\nCONNECTION: Close\r\nContent-Length: 1\r\n\r\na'));
    p.push(Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nb'));
    p.push(Buffer.from('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nc'));
    expect(seen.map((s) => s.closeAfter)).toEqual([true, true, false]);
  });

  it('refuses what is not HTTP/1.x, and says when a close cuts a response short', () => {
    expect(parser().p.push(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toMatch(/status line/);
    expect(parser().p.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n'))).toMatch(/content-length/);
    expect(parser().p.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'))).toMatch(/chunk size/);
    expect(parser().p.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n'))).toMatch(/CRLF/);
    expect(parser().p.push(Buffer.from('x'.repeat(70 * 1024)))).toMatch(/longer than/);
    const cut = parser();
    cut.p.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345'));
    expect(cut.p.midResponse).toBe(true);
    expect(cut.p.end()).toMatch(/closed mid-response/);
    expect(cut.seen).toEqual([]);
    const idle = parser();
    expect(idle.p.end()).toBeUndefined();
  });

  it('works on a reused read buffer: reads only `length` bytes, copies what it keeps', () => {
    const { p, seen } = parser();
    const readBuffer = Buffer.alloc(4096, 'Z');
    const text = Buffer.from(fastifyLike(body));
    const send = (part: Buffer) => {
      readBuffer.fill('\r\n\r\nHTTP/1.1 999'); // stale bytes that look like HTTP must be ignored
      part.copy(readBuffer);
      return p.push(readBuffer, part.length);
    };
    // Split in the head, then in the body: both the pending head and the body part are kept across reads.
    const headCut = 20;
    const bodyCut = text.length - 10;
    expect(send(text.subarray(0, headCut))).toBeUndefined();
    expect(send(text.subarray(headCut, bodyCut))).toBeUndefined();
    expect(seen).toEqual([]);
    expect(send(text.subarray(bodyCut))).toBeUndefined();
    expect(seen).toEqual([{ status: 200, body, closeAfter: false }]);
  });
});

describe('request template and expected bodies', () => {
  it('splices the id into a prebuilt request, identical to building it from pathFor', () => {
    const build = requestTemplate((id) => workPath(id), '127.0.0.1:8080');
    expect(build(12)).toBe('GET /work?id=12 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n');
    const variant = requestTemplate((id) => workPath(id, 'a b'), 'h');
    expect(variant(5)).toBe('GET /work?id=5&variant=a%20b HTTP/1.1\r\nHost: h\r\n\r\n');
    // A path that does not contain the id once falls back to calling pathFor.
    const fixed = requestTemplate(() => '/target', 'h');
    expect(fixed(3)).toBe('GET /target HTTP/1.1\r\nHost: h\r\n\r\n');
    expect(() => requestTemplate(() => '/a b', 'h')).toThrow(/whitespace/);
  });

  it('knows the exact body for noop and sleep only', () => {
    expect(expectedBodyFor('noop', {})?.(7)).toBe('{"workload":"noop","id":7,"value":7}');
    expect(expectedBodyFor('sleep', { sleepMs: 20 })?.(7)).toBe(JSON.stringify({ workload: 'sleep', id: 7, value: '7:20' }));
    expect(expectedBodyFor('sleep', { sleepMs: 0.5 })?.(7)).toBe('{"workload":"sleep","id":7,"value":"7:0.5"}');
    expect(expectedBodyFor('cpu', { cpuMs: 5 })).toBeUndefined();
    expect(expectedBodyFor('noop', {}, 'fast')).toBeUndefined();
  });
});
