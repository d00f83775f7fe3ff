/**
 * Node's TextDecoder (20 and 22 at least) reads "windows-1252" as ISO-8859-1: bytes 0x80–0x9F
 * come out as control characters, not the curly quotes, dashes and € that a sheet saved by
 * Excel holds, and the feed reader then strips them ("Mon–Fri" became "MonFri"). Browsers read
 * them as the Encoding Standard says. The CLI runs the widget's own decoder, so it puts right
 * what Node gets wrong before any feed is read, and what it prints is what the widget shows.
 */

/** Bytes 0x80–0x9F in windows-1252; the five it leaves undefined stay as the Encoding Standard keeps them. */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function fixWindows1252(): void {
  const Native = globalThis.TextDecoder;
  if (new Native('windows-1252').decode(new Uint8Array([0x93])) === '“') return;
  globalThis.TextDecoder = class extends Native {
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      const text = super.decode(input, options);
      return this.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009F]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]) : text;
    }
  };
}
