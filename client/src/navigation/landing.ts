import type { LatestWave } from '../../../shared/contract/latest-wave.ts';
import { api } from '../api.ts';
import type { User } from '../state/app-state.ts';

/**
 * Where a person starts after signing in with nowhere asked for: a leader, at the newest report
 * of their organizations; anyone who runs organizations, or a leader with no closed wave yet, at
 * the list of organizations.
 */
export async function landingPath(user: User): Promise<string> {
  if (user.isAdmin || user.memberships.some((m) => m.role === 'consultant')) return '/console';
  const latest = await Promise.all(
    user.memberships.map((m) =>
      api<LatestWave>(`/api/organizations/${m.organizationId}/latest-wave`).catch(() => null),
    ),
  );
  const newest = latest
    .map((answer) => answer?.wave)
    .filter((wave) => wave?.status === 'closed' && wave.closedAt !== null)
    .sort((a, b) => b!.closedAt!.localeCompare(a!.closedAt!))[0];
  return newest ? `/reports/${newest.id}` : '/console';
}
