/** FNV-1a over UTF-16 code units: a quick 32-bit hash, for an order, not for secrecy. */
function textHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Texts in an order that depends on nothing but their own words (R5): by a hash of each text, ties
 * by the text itself. A group's comments are gathered team by team (its own, then each child's in
 * turn), and a shuffle seeded with anything a reader knows, such as the wave's id, can be undone
 * to give those blocks back; between the comments of two teams large enough to show their own,
 * a reader would then find those of a team too small to. Ordered by their hashes, comments keep no
 * trace of the team or the moment they came from, and every viewer sees the same order (R3).
 */
export function contentOrder(texts: readonly string[]): string[] {
  return texts
    .map((text) => ({ text, hash: textHash(text) }))
    .sort((a, b) => a.hash - b.hash || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .map(({ text }) => text);
}
