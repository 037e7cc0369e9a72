/**
 * Where to go after signing in. `next` comes from the address bar, so anyone can write it: only a
 * path on this site is followed, never another site's address (an open redirect would let a
 * phishing mail send people through our sign-in to a look-alike page).
 */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  // One leading slash and no second one: `//evil.example` and `/\evil.example` are addresses of
  // other sites to a browser. Backslashes and control characters are refused anywhere.
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'https://same.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'https://same.invalid') return null;
  // Back to sign-in would go round in circles.
  if (url.pathname === '/') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that brings a person back to `path` afterwards. */
export function signInPath(path: string): string {
  const next = safeNextPath(path);
  return next ? `/?next=${encodeURIComponent(next)}` : '/';
}
