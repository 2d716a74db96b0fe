/**
 * A minimal HTTP/1.x response parser for the lean closed driver (lean-closed-driver.ts):
 * status line, headers (Content-Length, Transfer-Encoding: chunked, Connection), and
 * bodies that arrive split across any number of TCP chunks. Several responses in one
 * chunk (a keep-alive sequence) are all delivered, in order.
 *
 * Bodies are framed as RFC 9112 says: no body for 1xx, 204 and 304; chunked when the last
 * transfer coding is `chunked` (it wins over Content-Length); else Content-Length; else
 * the body runs until the server closes (`end()`). 1xx interim answers (100 Continue) are
 * skipped. Chunk extensions and trailers are read and ignored.
 *
 * The common case (a whole response in one chunk, Content-Length) costs one indexOf, one
 * latin1 slice of the head and one utf8 slice of the body; nothing is copied. The chunk
 * passed to push() may be a reused read buffer, so whatever outlives the call is copied:
 * a split head or chunk-size line (joined with the next chunk) and the parts of a split
 * body (joined once at its end). Both are rare with small answers.
 */

/** Called once per complete final response; `closeAfter`: the server will close the connection. */
export type OnResponse = (status: number, body: string, closeAfter: boolean) => void;

/** A response head larger than this is refused (a server gone wrong, not a benchmark answer). */
export const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?:[ \r]|$)/;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close';

export class Http1ResponseParser {
  private state: State = 'head';
  /** Unconsumed bytes of a head or line split across chunks. */
  private pending: Buffer | undefined;
  private status = 0;
  private closeAfter = false;
  /** Bytes of the body (Content-Length) or of the current chunk still to come. */
  private remaining = 0;
  private parts: Buffer[] = [];

  constructor(private readonly onResponse: OnResponse) {}

  /** Whether a response has started but not finished (bytes are owed). */
  get midResponse(): boolean {
    return this.state !== 'head' || this.pending !== undefined;
  }

  /** Forgets everything (a new connection). */
  reset(): void {
    this.state = 'head';
    this.pending = undefined;
    this.parts = [];
  }

  /**
   * Feeds the first `length` bytes of `chunk` (a read buffer may be longer than the read).
   * Returns why the stream is not valid HTTP/1.x (drop the connection), or undefined.
   */
  push(chunk: Buffer, length = chunk.length): string | undefined {
    let buf = chunk;
    let limit = length;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk.subarray(0, length)]);
      limit = buf.length;
      this.pending = undefined;
    }
    let at = 0;
    while (at < limit) {
      switch (this.state) {
        case 'head': {
          const end = buf.indexOf(HEAD_END, at);
          if (end < 0 || end + 4 > limit) return this.keep(buf, at, limit, 'response head');
          const problem = this.head(buf.toString('latin1', at, end));
          if (problem) return problem;
          at = end + 4;
          break;
        }
        case 'length':
        case 'chunk-data': {
          const take = Math.min(this.remaining, limit - at);
          this.remaining -= take;
          if (this.remaining > 0) {
            this.parts.push(Buffer.from(buf.subarray(at, at + take)));
            return undefined;
          }
          if (this.state === 'length' && this.parts.length === 0) {
            // The whole body in this chunk: the fast path.
            this.complete(buf.toString('utf8', at, at + take));
          } else {
            this.parts.push(Buffer.from(buf.subarray(at, at + take)));
            if (this.state === 'length') this.complete(this.joinBody());
            else this.state = 'chunk-end';
          }
          at += take;
          break;
        }
        case 'chunk-size':
        case 'chunk-end':
        case 'trailers': {
          const eol = buf.indexOf(CRLF, at);
          if (eol < 0 || eol + 2 > limit) return this.keep(buf, at, limit, 'chunk line');
          const problem = this.line(buf.toString('latin1', at, eol));
          if (problem) return problem;
          at = eol + 2;
          break;
        }
        case 'until-close':
          this.parts.push(Buffer.from(buf.subarray(at, limit)));
          return undefined;
      }
    }
    return undefined;
  }

  /** The server closed its side. Returns why that cut a response short, or undefined. */
  end(): string | undefined {
    if (this.state === 'until-close') {
      this.complete(this.joinBody());
      return undefined;
    }
    return this.midResponse ? `connection closed mid-response (${this.state})` : undefined;
  }

  private keep(buf: Buffer, at: number, limit: number, what: string): string | undefined {
    if (limit - at > MAX_HEAD_BYTES) return `${what} longer than ${MAX_HEAD_BYTES} bytes`;
    this.pending = Buffer.from(buf.subarray(at, limit));
    return undefined;
  }

  private head(text: string): string | undefined {
    const statusLine = STATUS_LINE.exec(text);
    if (!statusLine) return `not an HTTP/1.x status line: ${JSON.stringify(text.slice(0, 40))}`;
    const status = Number(statusLine[2]);
    let closeAfter = statusLine[1] === '0';
    let length = -1;
    let chunked = false;
    let otherCoding = false;
    let from = text.indexOf('\r\n');
    while (from >= 0) {
      const next = text.indexOf('\r\n', from + 2);
      const line = text.slice(from + 2, next < 0 ? undefined : next);
      from = next;
      const colon = line.indexOf(':');
      // Only three names matter; compare lowercase only when the length fits one of them.
      if (colon !== 14 && colon !== 17 && colon !== 10) continue;
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d{1,15}$/.test(value) || (length >= 0 && Number(value) !== length)) return `bad content-length '${value}'`;
        length = Number(value);
      } else if (name === 'transfer-encoding') {
        chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
        otherCoding = !chunked; // another final coding: the body runs until close
      } else if (name === 'connection') {
        const tokens = value.toLowerCase();
        if (tokens.includes('close')) closeAfter = true;
        else if (tokens.includes('keep-alive')) closeAfter = false;
      }
    }
    if (status >= 100 && status < 200 && status !== 101) return undefined; // interim answer: the final one follows
    this.status = status;
    this.closeAfter = closeAfter;
    this.parts = [];
    if (status === 101) return 'unexpected 101 Switching Protocols';
    if (status === 204 || status === 304) this.complete('');
    else if (chunked) this.state = 'chunk-size';
    else if (otherCoding) this.untilClose();
    else if (length === 0) this.complete('');
    else if (length > 0) {
      this.state = 'length';
      this.remaining = length;
    } else this.untilClose();
    return undefined;
  }

  private untilClose(): void {
    this.state = 'until-close';
    this.closeAfter = true;
  }

  /** One CRLF-terminated line of the chunked framing. */
  private line(text: string): string | undefined {
    if (this.state === 'chunk-end') {
      if (text !== '') return 'chunk data not followed by CRLF';
      this.state = 'chunk-size';
    } else if (this.state === 'chunk-size') {
      const hex = text.split(';', 1)[0]!.trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) return `bad chunk size '${text.slice(0, 20)}'`;
      this.remaining = parseInt(hex, 16);
      this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
    } else if (text === '') {
      this.complete(this.joinBody()); // the empty line after the last chunk (and any trailers)
    }
    return undefined;
  }

  private joinBody(): string {
    const body = this.parts.length === 1 ? this.parts[0]!.toString('utf8') : Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    return body;
  }

  private complete(body: string): void {
    this.state = 'head';
    this.onResponse(this.status, body, this.closeAfter);
  }
}
