/**
 * Comments lose their submission order (R5) but keep one stable order per wave, the same for
 * every viewer and export (R3): Fisher–Yates driven by a seeded generator, never Math.random.
 */

/** mulberry32: small, fast, good enough to scramble display order (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a text seed (e.g. the wave id plus a team key) into a number. */
function hashSeed(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

export function seededShuffle<T>(values: readonly T[], seed: string | number): T[] {
  const random = mulberry32(typeof seed === 'number' ? seed : hashSeed(seed));
  const shuffled = [...values];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}
