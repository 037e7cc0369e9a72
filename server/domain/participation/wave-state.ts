export type WaveStatus = 'draft' | 'open' | 'closed';

/** A wave past its closing time counts as closed, whether or not anyone has closed it yet. */
export function effectiveStatus(wave: { status: WaveStatus; closesAt: Date | null }, now: Date): WaveStatus {
  if (wave.status === 'open' && wave.closesAt !== null && wave.closesAt <= now) return 'closed';
  return wave.status;
}

const transitions: Record<WaveStatus, WaveStatus | null> = { draft: 'open', open: 'closed', closed: null };

export function canMove(from: WaveStatus, to: WaveStatus): boolean {
  return transitions[from] === to;
}
