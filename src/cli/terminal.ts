/**
 * Everything the CLI prints goes through `print`, because much of it comes from the input: a
 * datapackage.json title, feed values, file names, server messages. An escape sequence in any of
 * them could recolour, retitle or rewrite the terminal, or hide lines of the report.
 */

/**
 * Terminal escape sequences, 7-bit (ESC …) and 8-bit (C1 introducers), whole: control strings
 * (OSC, DCS, SOS, PM, APC) up to their terminator, CSI up to its final byte, and the short
 * two- or three-character escapes. An unterminated control string loses only its introducer;
 * its text stays visible as text.
 */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)|(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B[ -/]*[0-~]/g;

// C0 and C1 controls and DEL, except tab and newline; and the bidi controls that make text read
// differently from what it is (a reversed file name, say), as the feed readers drop them from values.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// What JSON.stringify leaves raw (it already escapes U+0000–U+001F).
const RAW_IN_JSON = /[\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * - `text`: escape sequences and controls removed; tabs and newlines kept, for the report's layout.
 * - `line`: the same, and tabs and newlines become spaces, for one line of the report whose value
 *   must not start a line of its own (a title that would otherwise fake "All services can be listed").
 * - `json`: JSON text keeps its data: the controls JSON.stringify leaves raw are written as \u escapes.
 */
export type PrintMode = 'text' | 'line' | 'json';

export function printable(text: string, mode: PrintMode = 'text'): string {
  if (mode === 'json') return text.replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const shown = text.replace(ESCAPE_SEQUENCES, '').replace(CONTROLS, '');
  return mode === 'line' ? shown.replace(/[\t\n]/g, ' ') : shown;
}

/** Writes text that may hold untrusted parts to stdout or stderr. */
export function print(stream: NodeJS.WritableStream, text: string, mode: Exclude<PrintMode, 'line'> = 'text'): void {
  stream.write(printable(text, mode));
}
