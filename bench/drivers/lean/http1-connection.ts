/**
 * One keep-alive HTTP/1.1 client connection on a raw `node:net` socket, with at most one
 * request in flight, for the lean closed and open-model drivers (lean-closed-driver.ts,
 * open-model-driver.ts). It writes a
 * request string, parses the answer (http1-response-parser.ts) and reports one of:
 * an answer, or the socket closed (with whether a request or the connect was cut short).
 * It never reconnects by itself and counts nothing: the driver decides both.
 */
import { connect, type Socket } from 'node:net';
import { Http1ResponseParser } from './http1-response-parser.js';

/**
 * One read buffer for every connection (net's `onread`: no Buffer per read, no Readable
 * stream machinery). Safe because each read is parsed before the next one is made, and the
 * parser copies whatever it keeps.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

export interface ConnectionEvents {
  /** The socket is connected and idle: send the first request. */
  onReady(conn: Http1Connection): void;
  /** The answer to request `id`, sent at `sentAtMs` (performance.now()); the connection is idle again. */
  onAnswer(conn: Http1Connection, status: number, body: string, id: number, sentAtMs: number): void;
  /**
   * The socket closed. `problem`: why, when that cut a connect or a request short (an
   * error to count); undefined for a clean close (the server said `Connection: close`, or
   * the driver closed it).
   */
  onClosed(conn: Http1Connection, problem: string | undefined): void;
}

export interface Endpoint {
  host: string;
  port: number;
}

/** `http://host:port` → where to connect and the Host header. */
export function endpointOf(url: string): Endpoint & { hostHeader: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new RangeError(`the lean driver speaks plain http only, got ${parsed.protocol}`);
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port || 80), hostHeader: parsed.host };
}

/**
 * The request for id N as one string. When `pathFor` puts the id once in an otherwise fixed
 * path (as `/work?id=N` does), the request is prebuilt around it and only the id is spliced
 * in; otherwise `pathFor` is called for every request.
 */
export function requestTemplate(pathFor: (id: number) => string, hostHeader: string): (id: number) => string {
  const suffix = ` HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`;
  const probe = pathFor(73_912_845);
  if (/[\s]/.test(probe) || !probe.startsWith('/')) throw new RangeError(`request path must start with / and hold no whitespace: ${JSON.stringify(probe)}`);
  const at = probe.indexOf('73912845');
  if (at >= 0 && probe.indexOf('73912845', at + 1) < 0) {
    const head = `GET ${probe.slice(0, at)}`;
    const tail = probe.slice(at + 8) + suffix;
    const splice = (id: number) => head + id + tail;
    if ([1, 42, 900_000_001].every((id) => splice(id) === `GET ${pathFor(id)}${suffix}`)) return splice;
  }
  return (id) => `GET ${pathFor(id)}${suffix}`;
}

export class Http1Connection {
  /** The id of the request in flight, -1 when idle. */
  inFlightId = -1;
  sentAtMs = 0;
  /** When the connect or the request in flight times out (performance.now() ms); Infinity when idle. */
  deadlineMs = Infinity;
  /** Consecutive closes with a problem (the driver's reconnect back-off). */
  failures = 0;
  retryTimer: NodeJS.Timeout | undefined;
  private socket: Socket | undefined;
  private connected = false;
  /** The server will close (or has closed) after the last answer: no more requests on this socket. */
  private closing = false;
  private lastError: string | undefined;
  private closed: Promise<void> = Promise.resolve();
  private readonly parser = new Http1ResponseParser((status, body, closeAfter) => {
    this.answers++;
    this.status = status;
    this.body = body;
    this.closeAfter ||= closeAfter;
  });
  // The answer(s) of the last push(), read once it returns.
  private answers = 0;
  private status = 0;
  private body = '';
  private closeAfter = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly timeoutMs: number,
    private readonly events: ConnectionEvents,
  ) {}

  /** Connected, idle, and the server has not said it will close. */
  get ready(): boolean {
    return this.connected && this.socket !== undefined && !this.closing && this.inFlightId < 0;
  }

  connect(): void {
    this.parser.reset();
    this.connected = false;
    this.closing = false;
    this.lastError = undefined;
    this.inFlightId = -1;
    this.deadlineMs = performance.now() + this.timeoutMs;
    const socket = connect({
      host: this.endpoint.host,
      port: this.endpoint.port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (bytes) => (this.onData(bytes), true) },
    });
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('connect', () => {
      this.connected = true;
      this.deadlineMs = Infinity;
      this.events.onReady(this);
    });
    socket.on('end', () => this.onData(-1));
    socket.on('error', (error: Error) => (this.lastError ??= error.message));
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const cut = !this.connected || this.inFlightId >= 0;
      const problem = cut ? (this.lastError ?? (this.connected ? 'connection closed by the server' : 'connect failed')) : undefined;
      this.inFlightId = -1;
      this.deadlineMs = Infinity;
      this.events.onClosed(this, problem);
    });
  }

  /** Sends request `id` (check `ready` first). */
  send(id: number, request: string): void {
    this.inFlightId = id;
    this.sentAtMs = performance.now();
    this.deadlineMs = this.sentAtMs + this.timeoutMs;
    this.socket?.write(request, 'latin1');
  }

  /** Closes the socket; a request in flight is forgotten (not reported). Resolves when it is closed. */
  close(): Promise<void> {
    this.inFlightId = -1;
    this.connected = true;
    this.closing = true;
    this.socket?.destroy();
    return this.closed;
  }

  /** Closes the socket with a problem that onClosed reports (a protocol error). */
  private fail(problem: string): void {
    this.lastError ??= problem;
    this.socket?.destroy();
  }

  /** `bytes` read into READ_BUFFER, or -1: the server's end of stream. */
  private onData(bytes: number): void {
    this.answers = 0;
    this.closeAfter = false;
    const problem = bytes >= 0 ? this.parser.push(READ_BUFFER, bytes) : this.parser.end();
    if (problem) return this.fail(problem);
    if (this.answers === 0) return;
    // One request in flight: exactly one answer, nothing after it.
    if (this.inFlightId < 0 || this.answers > 1 || this.parser.midResponse) return this.fail('answer to no request in flight');
    const id = this.inFlightId;
    this.inFlightId = -1;
    this.deadlineMs = Infinity;
    if (this.closeAfter || bytes < 0) {
      this.closing = true;
      this.socket?.destroy();
    }
    this.events.onAnswer(this, this.status, this.body, id, this.sentAtMs);
  }
}
