import { useAppState } from '../../state/app-state.ts';
import { smallTeamsNotice } from './small-teams.ts';
import type { WaveWithLinks } from './wave-types.ts';

/** The warning about teams too small to be asked on their own (`smallTeamsNotice`), if any. */
export function SmallTeamsNotice({ wave, k }: { wave: WaveWithLinks; k: number }) {
  const { t } = useAppState().state;
  const notice = smallTeamsNotice(wave, k);
  if (!notice) return null;
  return (
    <section class="notice small-teams" aria-labelledby="small-teams-heading">
      <h2 id="small-teams-heading">{t(notice.title.key, notice.title.values)}</h2>
      <ul>
        {notice.teams.map((team) => (
          <li key={team.teamKey}>{t(team.key, team.values)}</li>
        ))}
      </ul>
      {notice.paragraphs.map((line) => (
        <p key={line.key}>{t(line.key, line.values)}</p>
      ))}
    </section>
  );
}
