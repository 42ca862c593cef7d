// Characters XML 1.0 forbids outright (C0 controls other than tab/newline/return, U+FFFE/U+FFFF and
// unpaired surrogates). Escaping them as &#x..; is still invalid XML, so they are spelled out instead.
function isForbidden(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** Replaces the characters XML cannot carry with a visible `\uXXXX`. */
function spellOutForbidden(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isForbidden(text, i)) continue;
    out += `${text.slice(from, i)}\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Escapes text for an XML attribute or text node. Characters XML cannot carry at all are written as
 * `\uXXXX` so a JUnit consumer still parses the file and a person still sees what was there.
 *
 * @example
 * escapeXml('a < b & "c"\u0000'); // 'a &lt; b &amp; &quot;c&quot;\\u0000'
 */
export function escapeXml(text: string): string {
  return spellOutForbidden(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escapes text for HTML text or a quoted attribute; controls are spelled out like in `escapeXml`.
 *
 * @example
 * escapeHtml('<script>'); // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return spellOutForbidden(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
