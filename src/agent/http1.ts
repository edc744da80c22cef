/**
 * HTTP/1.1 on the wire for the agent client: the request head (refusing
 * control characters before anything is sent) and an incremental response
 * reader fed with whatever chunks the connection delivers.
 *
 * Framing follows RFC 9112 as Go's client applies it:
 * - the message ends where `Content-Length` or the last chunk says, without
 *   waiting for the peer to close; with neither, at the end of the connection;
 * - interim `1xx` answers are skipped; `101` is an error (we never upgrade);
 * - `204`, `304` and answers to `HEAD` have no body;
 * - `Transfer-Encoding: chunked` wins over `Content-Length` (which is then
 *   ignored, as Go does); any other transfer coding is refused;
 * - several `Content-Length` values must agree; chunk sizes are hex digits,
 *   optionally followed by chunk extensions, which are ignored, as are trailers;
 * - lines may end in CRLF or a bare LF.
 *
 * Memory is bounded whatever the framing: the head, each chunk-size line and
 * the trailers have fixed caps, and the body goes into one buffer that grows
 * by doubling up to the body cap, checked on bytes.
 *
 * @module
 */

/** A malformed response; `message` is a short Go-like reason. */
export class FramingError extends Error {}

/** The peer answered with a TLS record: it expects `https://`. */
export class TlsAnswer extends FramingError {
  constructor() {
    super("the agent answered with TLS, not plain HTTP");
  }
}

/** The body (or the declared body) is larger than the cap. */
export class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** A complete response. Header names are lower-case; repeated headers keep every value. */
export interface Http1Response {
  status: number;
  headers: Map<string, string[]>;
  body: Uint8Array;
}

/** Largest response head (status line and headers) or trailer section accepted. */
export const MAX_HEAD_BYTES = 1024 * 1024;
/** Largest chunk-size line (with extensions) accepted. */
export const MAX_CHUNK_LINE_BYTES = 4096;

/** True when `text` holds a C0 control character or DEL. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/**
 * The request bytes. Throws `Error` naming the part (never its value) when
 * the target or a header value holds a control character, or a header
 * value holds a byte outside Latin-1.
 */
export function encodeRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Uint8Array {
  if (hasControl(target) || /\s/.test(target)) {
    throw new Error("the request path contains a control character or space");
  }
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    // deno-lint-ignore no-control-regex -- control characters are what this matches
    if (hasControl(value.replaceAll("\t", " ")) || /[^\x00-\xff]/.test(value)) {
      throw new Error(`the ${name} header value contains a control or non-Latin-1 character`);
    }
    head += `${name}: ${value}\r\n`;
  }
  const bodyBytes = body === undefined ? undefined : encoder.encode(body);
  if (bodyBytes !== undefined) head += `Content-Length: ${bodyBytes.byteLength}\r\n`;
  head += "Connection: close\r\n\r\n";
  const headBytes = Uint8Array.from(head, (c) => c.charCodeAt(0));
  if (bodyBytes === undefined) return headBytes;
  const all = new Uint8Array(headBytes.byteLength + bodyBytes.byteLength);
  all.set(headBytes);
  all.set(bodyBytes, headBytes.byteLength);
  return all;
}

/** A byte buffer that grows by doubling up to `max` bytes. */
class Grower {
  buf: Uint8Array;
  len = 0;
  constructor(initial: number, readonly max: number, readonly onFull: () => Error) {
    this.buf = new Uint8Array(Math.max(0, Math.min(initial, max)));
  }
  push(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.len + n > this.max) throw this.onFull();
    if (this.len + n > this.buf.byteLength) {
      let size = Math.max(256, this.buf.byteLength * 2);
      while (size < this.len + n) size *= 2;
      const next = new Uint8Array(Math.min(size, this.max));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    if (n < 16) {
      for (let i = from; i < to; i++) this.buf[this.len++] = src[i];
    } else {
      this.buf.set(src.subarray(from, to), this.len);
      this.len += n;
    }
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
  reset(): void {
    this.len = 0;
  }
}

type State =
  | "head"
  | "length"
  | "eof"
  | "chunkSize"
  | "chunkData"
  | "chunkEnd"
  | "trailers"
  | "done";

const HEX: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) t[0x41 + i] = t[0x61 + i] = 10 + i;
  return t;
})();

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Incremental HTTP/1.1 response reader: `feed` chunks, then `finish` at end of stream. */
export class ResponseReader {
  #state: State = "head";
  #line: Grower;
  #body: Grower;
  #remaining = 0;
  #status = 0;
  #headers = new Map<string, string[]>();
  #sawCr = false;

  /** `method` decides whether a body is expected (`HEAD` never has one). */
  constructor(readonly maxBodyBytes: number, readonly method = "GET") {
    this.#line = new Grower(
      1024,
      MAX_HEAD_BYTES,
      () => new FramingError("response head too large"),
    );
    this.#body = this.#bodyBuffer(0);
  }

  /** True once the whole message has been read. */
  get done(): boolean {
    return this.#state === "done";
  }

  /** Consume `data`; returns true once the message is complete (later bytes are ignored). */
  feed(data: Uint8Array): boolean {
    let i = 0;
    while (i < data.length && this.#state !== "done") i = this.#step(data, i);
    return this.#state === "done";
  }

  /** The peer closed the connection: completes an EOF-delimited body, else throws if incomplete. */
  finish(): void {
    if (this.#state === "eof") this.#state = "done";
    if (this.#state === "done") return;
    throw new FramingError(
      this.#state === "head" && this.#line.len === 0 && this.#status === 0
        ? "server closed the connection without a response"
        : "unexpected EOF",
    );
  }

  /** The response; only after `done`. */
  response(): Http1Response {
    if (this.#state !== "done") throw new FramingError("response incomplete");
    return { status: this.#status, headers: this.#headers, body: this.#body.bytes() };
  }

  #step(d: Uint8Array, i: number): number {
    switch (this.#state) {
      case "head":
      case "trailers":
        return this.#lines(d, i);
      case "chunkSize":
        return this.#chunkSizeLine(d, i);
      case "length":
      case "chunkData": {
        const end = Math.min(d.length, i + this.#remaining);
        this.#body.push(d, i, end);
        this.#remaining -= end - i;
        if (this.#remaining === 0) this.#state = this.#state === "length" ? "done" : "chunkEnd";
        return end;
      }
      case "chunkEnd":
        return this.#chunkEnd(d[i], i);
      case "eof":
        this.#body.push(d, i, d.length);
        return d.length;
      default:
        return d.length;
    }
  }

  /** Head or trailer lines: collect until an empty line. */
  #lines(d: Uint8Array, i: number): number {
    // A TLS record (alert 0x15, handshake 0x16) where a status line should start.
    if (this.#state === "head" && this.#line.len === 0 && (d[i] === 0x15 || d[i] === 0x16)) {
      throw new TlsAnswer();
    }
    const nl = d.indexOf(10, i);
    const end = nl < 0 ? d.length : nl + 1;
    this.#line.push(d, i, end);
    if (nl < 0) return end;
    const bytes = this.#line.bytes();
    const n = bytes.length;
    const blank = n === 1 || (n === 2 && bytes[0] === 13) ||
      (n >= 2 && bytes[n - 2] === 10) || (n >= 3 && bytes[n - 3] === 10 && bytes[n - 2] === 13);
    if (!blank) return end;
    const text = latin1.decode(bytes);
    this.#line.reset();
    if (this.#state === "trailers") this.#state = "done";
    else this.#head(text);
    return end;
  }

  #head(text: string): void {
    const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    const m = /^HTTP\/1\.[01] ([0-9]{3})(?: [^\r\n]*)?$/.exec(lines[0] ?? "");
    if (m === null) throw new FramingError(malformedStatus(lines[0] ?? ""));
    const status = Number(m[1]);
    if (status < 100) throw new FramingError(`malformed HTTP status code "${m[1]}"`);
    const headers = parseHeaders(lines.slice(1));
    if (status === 101) throw new FramingError("unexpected 101 Switching Protocols");
    if (status < 200) return; // interim answer: read the next head
    this.#status = status;
    this.#headers = headers;
    this.#startBody(headers, status);
  }

  #startBody(headers: Map<string, string[]>, status: number): void {
    if (this.method === "HEAD" || status === 204 || status === 304) {
      this.#state = "done";
      return;
    }
    const te = headers.get("transfer-encoding");
    if (te !== undefined) {
      const codings = te.join(",").split(",").map((s) => s.trim().toLowerCase())
        .filter((s) => s !== "");
      if (codings.length !== 1 || codings[0] !== "chunked") {
        throw new FramingError(`unsupported transfer encoding: ${JSON.stringify(te.join(", "))}`);
      }
      this.#state = "chunkSize";
      this.#body = this.#bodyBuffer(16 * 1024);
      return;
    }
    const length = contentLength(headers.get("content-length"));
    if (length === undefined) {
      this.#state = "eof";
      this.#body = this.#bodyBuffer(16 * 1024);
      return;
    }
    if (length > this.maxBodyBytes) throw new BodyTooLarge(this.maxBodyBytes);
    this.#body = this.#bodyBuffer(length);
    this.#remaining = length;
    this.#state = length === 0 ? "done" : "length";
  }

  /** An empty body buffer starting at `initial` bytes, capped at the body cap. */
  #bodyBuffer(initial: number): Grower {
    return new Grower(initial, this.maxBodyBytes, () => new BodyTooLarge(this.maxBodyBytes));
  }

  #chunkSizeLine(d: Uint8Array, i: number): number {
    const nl = d.indexOf(10, i);
    const end = nl < 0 ? d.length : nl + 1;
    if (this.#line.len + (end - i) > MAX_CHUNK_LINE_BYTES) {
      throw new FramingError("chunk-size line too long");
    }
    this.#line.push(d, i, end);
    if (nl < 0) return end;
    const size = parseChunkSize(this.#line.bytes());
    this.#line.reset();
    if (size === 0) {
      this.#state = "trailers";
      return end;
    }
    if (this.#body.len + size > this.maxBodyBytes) throw new BodyTooLarge(this.maxBodyBytes);
    this.#remaining = size;
    this.#state = "chunkData";
    return end;
  }

  #chunkEnd(b: number, i: number): number {
    if (b === 13 && !this.#sawCr) {
      this.#sawCr = true;
      return i + 1;
    }
    if (b !== 10) {
      throw new FramingError("malformed chunked encoding: missing CRLF after chunk data");
    }
    this.#sawCr = false;
    this.#state = "chunkSize";
    return i + 1;
  }
}

function malformedStatus(line: string): string {
  const shown = line.length > 40 ? line.slice(0, 40) + "…" : line;
  return `malformed HTTP response ${JSON.stringify(shown)}`;
}

/** Header lines into a map; obsolete line folding is joined with a space. */
function parseHeaders(lines: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: { list: string[] } | undefined;
  for (const line of lines) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && last !== undefined) {
      const list = last.list;
      list[list.length - 1] = `${list[list.length - 1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!TOKEN.test(name)) throw new FramingError("malformed MIME header line");
    const key = name.toLowerCase();
    const list = out.get(key) ?? [];
    list.push(line.slice(colon + 1).trim());
    out.set(key, list);
    last = { list };
  }
  return out;
}

/** The single `Content-Length` of the values (all must agree), or `undefined`. */
export function contentLength(values: string[] | undefined): number | undefined {
  if (values === undefined) return undefined;
  const all = values.join(",").split(",").map((s) => s.trim());
  if (all.some((v) => !/^[0-9]+$/.test(v))) {
    throw new FramingError(`bad Content-Length ${JSON.stringify(values.join(", "))}`);
  }
  if (new Set(all.map((v) => v.replace(/^0+(?=.)/, ""))).size !== 1) {
    throw new FramingError("message cannot contain multiple Content-Length headers");
  }
  return Number(all[0]);
}

/** The size of a chunk-size line (`<hex>[ws][;ext…]CRLF`); throws unless strictly hex. */
export function parseChunkSize(line: Uint8Array): number {
  let n = line.length;
  if (n > 0 && line[n - 1] === 10) n--;
  if (n > 0 && line[n - 1] === 13) n--;
  let size = 0;
  let i = 0;
  for (; i < n && HEX[line[i]] >= 0; i++) {
    size = size * 16 + HEX[line[i]];
    if (size > Number.MAX_SAFE_INTEGER) throw new FramingError("chunk size too large");
  }
  if (i === 0) throw new FramingError("malformed chunked encoding: invalid chunk size");
  let j = i;
  while (j < n && (line[j] === 32 || line[j] === 9)) j++;
  if (j < n && line[j] !== 59) {
    throw new FramingError("malformed chunked encoding: invalid chunk size");
  }
  for (let k = j; k < n; k++) {
    if (line[k] === 13 || line[k] === 0) {
      throw new FramingError("malformed chunked encoding: invalid chunk extension");
    }
  }
  return size;
}
