/**
 * Excel's `sep=;` first line (also written `"sep=;"`): it names the delimiter and is not a row.
 * Excel hides it, so the header is still row 1 in messages.
 */
export function excelSeparator(text: string): { delimiter: string; rest: string } | undefined {
  const match = /^\uFEFF?[ \t]*("?)sep=([^\r\n"])\1[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  return match ? { delimiter: match[2], rest: text.slice(match[0].length) } : undefined;
}
