/**
 * FNV-1a, 32 bits: a fast hash of a text, for telling texts apart where nothing depends on its
 * being hard to reverse (a fingerprint of a set, a few bits of a code kept on a device).
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
