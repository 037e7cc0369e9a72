import type { Figure, Outcome } from './action-types.ts';

const tenths = (value: number) => Math.round(value * 10) / 10;

/**
 * An action's outcome in a later wave, decided only by published figures (see docs/scoring.md,
 * "Actions"): improved or worsened when the two 95% intervals do not overlap, no clear change
 * when they do, and not measurable when the later wave hides the cell (R1, R2). Requiring the
 * intervals to be apart is conservative on purpose: a leader is told "it worked" only when chance
 * alone is an unlikely explanation, and a hidden cell is never guessed at from its neighbours.
 */
export function measureOutcome(waveId: string, baseline: Figure, current: Figure | null): Outcome {
  if (current === null) return { waveId, current: null, delta: null, verdict: 'not-measurable' };
  const delta = tenths(current.score - baseline.score);
  const verdict =
    current.ci95[0] > baseline.ci95[1]
      ? 'improved'
      : current.ci95[1] < baseline.ci95[0]
        ? 'worsened'
        : 'no-clear-change';
  return { waveId, current, delta, verdict };
}
