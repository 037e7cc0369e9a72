import type { MessageKey } from '../../i18n/en.ts';
import type { WaveWithLinks } from './wave-types.ts';

/** One line of the notice: a message and what fills it in. */
export interface NoticeLine {
  key: MessageKey;
  values: Record<string, string | number>;
}

export interface SmallTeamsNotice {
  title: NoticeLine;
  /** One line per team, with its headcount. */
  teams: (NoticeLine & { teamKey: string })[];
  paragraphs: NoticeLine[];
}

/**
 * What the wave page tells a consultant about the teams of fewer than k people the wave asks on
 * their own: their answers are stored under the team, so a database reader reads them as those
 * few people's (docs/anonymity.md, "Small teams"), and what to do before it is too late. Nothing
 * once the wave has closed, when nothing can be done for it any more.
 */
export function smallTeamsNotice(
  wave: Pick<WaveWithLinks, 'status' | 'smallTeams'>,
  k: number,
): SmallTeamsNotice | null {
  if (wave.status === 'closed' || wave.smallTeams.length === 0) return null;
  const count = wave.smallTeams.length;
  return {
    title: { key: 'wave.smallTeams.title', values: {} },
    teams: wave.smallTeams.map((team) => ({
      teamKey: team.teamKey,
      key: 'wave.smallTeams.team',
      values: { team: team.teamName, count: team.headcount },
    })),
    paragraphs: [
      { key: 'wave.smallTeams.stored', values: { count, k } },
      { key: wave.status === 'draft' ? 'wave.smallTeams.draft' : 'wave.smallTeams.open', values: {} },
      { key: 'wave.smallTeams.lock', values: {} },
    ],
  };
}
