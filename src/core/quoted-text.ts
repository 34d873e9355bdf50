/**
 * Text from a file or a link, as a message may quote it. Fuzzing found raw control
 * characters (NUL, newlines, C1 bytes read as Latin-1) in messages, and quotes of
 * whole headers: here every quote is escaped and short.
 */

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One character as a message shows it: as JSON writes it, and DEL, C1 controls and lone surrogate halves as \uXXXX too. */
function shown(c: string): string {
  if (Object.hasOwn(SHORT_ESCAPES, c)) return SHORT_ESCAPES[c];
  const code = c.charCodeAt(0);
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  return control || (c.length === 1 && code >= 0xd800 && code <= 0xdfff) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

/**
 * `text` in double quotes, escaped, with at most `max` characters between the
 * quotes (escapes counted as written) and "…" where it was cut.
 */
export function quoteText(text: string, max = 40): string {
  let out = '';
  for (const c of text) {
    const s = shown(c);
    if (out.length + s.length > max) return `"${out}…"`;
    out += s;
  }
  return `"${out}"`;
}
