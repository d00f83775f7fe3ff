import { FeedJsonError, FeedLimitError, JSON_LIMITS, valueLimit } from './json-errors.js';
import { nextTask, SLICE_MS } from '../util/yield.js';

export { FeedJsonError, FeedLimitError, JSON_LIMITS };

/**
 * A JSON document is parsed in pieces of about this many characters, so no single
 * JSON.parse call blocks the page for long (64 Ki characters: about 1 ms here).
 */
const PIECE_CHARS = 64 * 1024;

/** Main-loop steps between two looks at the clock. */
const STEPS_PER_CHECK = 2048;

/**
 * A container larger than PIECE_CHARS, as the runs of its children to hand to JSON.parse
 * together, and the large children to build the same way.
 */
interface Plan {
  array: boolean;
  pieces: Piece[];
}

/** `[from, to)`: consecutive array elements, or object members (`"key": value`, commas between). */
type Piece = { from: number; to: number } | { key?: [number, number]; plan: Plan };

interface Frame {
  array: boolean;
  start: number;
  pieces: Piece[];
  /** Start of the children not yet in a piece, or -1. */
  runFrom: number;
  runTo: number;
  /** Where the current member's key starts and ends (objects). */
  keyFrom: number;
  keyTo: number;
}

const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
  End,
}

const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex -- JSON forbids these raw inside strings: the run stops at them.
const STRING_RUN = /[^"\\\u0000-\u001F]*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Parses JSON text like JSON.parse, but checks it first, in time slices, and parses a large
 * document in pieces: the page never waits long for either. Syntax errors become a
 * FeedJsonError naming the line and column; a document nested deeper than
 * `JSON_LIMITS.depth` or holding more than `JSON_LIMITS.values` values a FeedLimitError
 * (checked before anything is built).
 */
export async function parseJsonSliced(text: string, signal?: AbortSignal): Promise<unknown> {
  const root = await scanJson(text, signal);
  return root ? build(text, root, signal) : JSON.parse(text);
}

/**
 * Checks JSON text against the grammar and the limits, yielding between slices. Returns how
 * to parse the document in pieces, or undefined when it is small enough for one JSON.parse.
 */
export async function scanJson(text: string, signal?: AbortSignal): Promise<Plan | undefined> {
  const scanner = new Scanner(text);
  while (!scanner.run(performance.now() + SLICE_MS)) await nextTask(signal);
  if (scanner.deepAt >= 0) {
    while (!scanner.measureDepth(performance.now() + SLICE_MS)) await nextTask(signal);
    const { line, column } = position(text, scanner.deepAt);
    throw new FeedLimitError(
      `it is nested ${scanner.maxDepth.toLocaleString('en-US')} levels deep (level ${JSON_LIMITS.depth + 1} starts at line ${line}, column ${column}); ` +
        `the most a feed may nest is ${JSON_LIMITS.depth} levels.`,
    );
  }
  return scanner.root;
}

/** Builds the document from the plan, one piece per JSON.parse call, yielding between slices. */
async function build(text: string, root: Plan, signal?: AbortSignal): Promise<unknown> {
  let deadline = performance.now() + SLICE_MS;
  const fill = async (plan: Plan): Promise<unknown> => {
    const target: unknown[] | Record<string, unknown> = plan.array ? [] : {};
    for (const piece of plan.pieces) {
      if (performance.now() > deadline) {
        await nextTask(signal);
        deadline = performance.now() + SLICE_MS;
      }
      if ('plan' in piece) {
        const value = await fill(piece.plan);
        if (Array.isArray(target)) target.push(value);
        else define(target, JSON.parse(text.slice(piece.key![0], piece.key![1])) as string, value);
      } else if (Array.isArray(target)) {
        for (const value of JSON.parse(`[${text.slice(piece.from, piece.to)}]`) as unknown[]) target.push(value);
      } else {
        const members = JSON.parse(`{${text.slice(piece.from, piece.to)}}`) as Record<string, unknown>;
        for (const key of Object.keys(members)) define(target, key, members[key]);
      }
    }
    return target;
  };
  return fill(root);
}

/**
 * Sets a key as JSON.parse does: an own data property, so `__proto__` stays a plain key; a
 * repeated key keeps its first place and takes the last value.
 */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

class Scanner {
  private i = 0;
  private expect = Expect.Value;
  private readonly stack: Frame[] = [];
  private values = 0;
  /** The plan of the whole document, when it is large. */
  root: Plan | undefined;
  /** Where the first container over the depth limit opens, or -1. */
  deepAt = -1;
  maxDepth = 0;
  /** State of measureDepth. */
  private depth = 0;
  private inString = false;

  private readonly limit: number;

  constructor(private readonly text: string) {
    this.limit = valueLimit(text.length);
  }

  /** Scans until done (true) or past the deadline (false). Throws on the first error. */
  run(deadline: number): boolean {
    const { text } = this;
    const n = text.length;
    for (let steps = 0; ; steps++) {
      if (steps === STEPS_PER_CHECK) {
        if (performance.now() > deadline) return false;
        steps = 0;
      }
      let c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        WHITESPACE.lastIndex = this.i;
        WHITESPACE.test(text);
        this.i = WHITESPACE.lastIndex;
        c = text.charCodeAt(this.i);
      }
      if (this.i >= n) {
        if (this.expect === Expect.End) return true;
        throw this.error(
          this.stack.length ? `the text ends inside ${this.top().array ? 'a list ([)' : 'an object ({)'} that is never closed` : 'the text is empty',
        );
      }
      const at = this.i;
      switch (this.expect) {
        case Expect.Value:
        case Expect.ValueOrClose:
          if (c === 0x5d /* ] */ && this.expect === Expect.ValueOrClose) {
            this.close(true);
          } else {
            this.value(c, at);
            if (this.deepAt >= 0) return true;
          }
          break;
        case Expect.Key:
        case Expect.KeyOrClose:
          if (c === 0x22 /* " */) {
            this.string(at);
            const frame = this.top();
            frame.keyFrom = at;
            frame.keyTo = this.i;
            this.expect = Expect.Colon;
          } else if (c === 0x7d /* } */ && this.expect === Expect.KeyOrClose) {
            this.close(false);
          } else {
            throw this.error(`expected a property name in double quotes, found ${this.found(at)}`);
          }
          break;
        case Expect.Colon:
          if (c !== 0x3a /* : */) throw this.error(`expected ":" after a property name, found ${this.found(at)}`);
          this.i++;
          this.expect = Expect.Value;
          break;
        case Expect.CommaOrClose: {
          const frame = this.top();
          if (c === 0x2c /* , */) {
            this.i++;
            this.expect = frame.array ? Expect.Value : Expect.Key;
          } else if (c === (frame.array ? 0x5d : 0x7d)) {
            this.close(frame.array);
          } else {
            throw this.error(`expected "," or "${frame.array ? ']' : '}'}" after ${frame.array ? 'a list item' : 'a property value'}, found ${this.found(at)}`);
          }
          break;
        }
        case Expect.End:
          throw this.error(`unexpected ${this.found(at)} after the end of the document`);
      }
    }
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  private value(c: number, at: number): void {
    if (++this.values > this.limit) {
      const { line, column } = position(this.text, at);
      throw new FeedLimitError(
        `it holds more than ${this.limit.toLocaleString('en-US')} values (the limit is passed at line ${line}, column ${column}); ` +
          'split the feed, or leave out what the list does not show.',
      );
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (this.stack.length === JSON_LIMITS.depth) {
        this.deepAt = at;
        this.depth = this.stack.length;
        return;
      }
      const array = c === 0x5b;
      this.stack.push({ array, start: at, pieces: [], runFrom: -1, runTo: -1, keyFrom: -1, keyTo: -1 });
      this.i++;
      this.expect = array ? Expect.ValueOrClose : Expect.KeyOrClose;
      return;
    }
    if (c === 0x22) {
      this.string(at);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = at;
      if (!NUMBER.test(this.text)) throw this.error(`a number must have a digit after "-", found ${this.found(at + 1)}`);
      this.i = NUMBER.lastIndex;
    } else if (this.text.startsWith('true', at)) {
      this.i += 4;
    } else if (this.text.startsWith('false', at)) {
      this.i += 5;
    } else if (this.text.startsWith('null', at)) {
      this.i += 4;
    } else {
      throw this.error(`expected a value, found ${this.found(at)}`);
    }
    this.done(at, undefined);
  }

  /** A value from `from` to this.i is complete: adds it to its container's pieces. */
  private done(from: number, plan: Plan | undefined): void {
    const frame = this.stack[this.stack.length - 1] as Frame | undefined;
    if (!frame) {
      this.root = plan;
      this.expect = Expect.End;
      return;
    }
    this.expect = Expect.CommaOrClose;
    const start = frame.array ? from : frame.keyFrom;
    if (plan) {
      this.flush(frame);
      frame.pieces.push(frame.array ? { plan } : { key: [frame.keyFrom, frame.keyTo], plan });
      return;
    }
    if (frame.runFrom < 0) frame.runFrom = start;
    frame.runTo = this.i;
    if (frame.runTo - frame.runFrom >= PIECE_CHARS) this.flush(frame);
  }

  private flush(frame: Frame): void {
    if (frame.runFrom < 0) return;
    frame.pieces.push({ from: frame.runFrom, to: frame.runTo });
    frame.runFrom = -1;
  }

  private close(array: boolean): void {
    const frame = this.stack.pop()!;
    this.i++;
    let plan: Plan | undefined;
    // Small containers are parsed whole, as part of a piece of their parent.
    if (this.i - frame.start > PIECE_CHARS) {
      this.flush(frame);
      plan = { array, pieces: frame.pieces };
    }
    this.done(frame.start, plan);
  }

  private string(at: number): void {
    const { text } = this;
    let i = at + 1;
    for (;;) {
      STRING_RUN.lastIndex = i;
      STRING_RUN.test(text);
      i = STRING_RUN.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return;
      }
      if (i >= text.length) {
        this.i = at;
        throw this.error('a text value (") is never closed');
      }
      if (c === 0x5c /* \ */) {
        const next = text[i + 1];
        if (next === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) {
            this.i = i;
            throw this.error('"\\u" must be followed by four hexadecimal digits');
          }
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          i += 2;
        } else {
          this.i = i;
          // found() quotes the whole character after the backslash, or names an invisible one.
          const shown = this.found(i + 1);
          const escape = shown.startsWith('"') ? `"\\${shown.slice(1)}` : `a backslash before ${shown}`;
          throw this.error(`${escape} is not an escape JSON knows (use \\\\ for a backslash)`);
        }
        continue;
      }
      this.i = i;
      throw this.error(
        `a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')}) inside a text value; write a line break as \\n and a tab as \\t`,
      );
    }
  }

  /** After the depth limit: how deep the document goes, ignoring everything but brackets and strings. */
  measureDepth(deadline: number): boolean {
    const { text } = this;
    const n = text.length;
    let { depth, inString } = this;
    let i = this.i;
    while (i < n) {
      const stop = Math.min(n, i + 65536);
      for (; i < stop; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
          if (c === 0x5c) i++;
          else if (c === 0x22) inString = false;
        } else if (c === 0x22) {
          inString = true;
        } else if (c === 0x5b || c === 0x7b) {
          if (++depth > this.maxDepth) this.maxDepth = depth;
        } else if (c === 0x5d || c === 0x7d) {
          depth--;
        }
      }
      if (performance.now() > deadline) {
        Object.assign(this, { i, depth, inString });
        return false;
      }
    }
    return true;
  }

  private found(at: number): string {
    if (at >= this.text.length) return 'the end of the text';
    const c = this.text.codePointAt(at)!;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x200e && c <= 0x206f) || c === 0x061c
      ? `the character U+${c.toString(16).toUpperCase().padStart(4, '0')}`
      : `"${String.fromCodePoint(c)}"`;
  }

  private error(what: string): FeedJsonError {
    const { line, column } = position(this.text, this.i);
    return new FeedJsonError(`line ${line}, column ${column}: ${what}`);
  }
}

/** Line and column (1-based, in characters) of an index. */
function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
