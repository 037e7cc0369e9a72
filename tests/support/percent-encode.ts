/** Percent-encodes every UTF-8 byte, so even a lone surrogate makes a URL (encodeURIComponent throws). */
export const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
