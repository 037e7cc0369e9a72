import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../../api.ts';
import { useAppState } from '../../state/app-state.ts';
import { DeliverySection } from './delivery-section.tsx';
import { ProgressTable } from './progress-table.tsx';
import { TeamLinks } from './team-links.tsx';
import { WaveSchedule } from './wave-schedule.tsx';
import type { Wave, WaveLink } from './wave-types.ts';

/** What a leader sees of a closed wave: the report's published groups, with the report's n. */
interface PublishedParticipation {
  teamKey: string;
  teamName: string;
  responses: number;
  headcount: number | null;
  rate: number | null;
}

export function WavePanel({
  wave,
  manager,
  onChange,
  onProblem,
}: {
  wave: Wave;
  manager: boolean;
  onChange: () => Promise<void>;
  onProblem: (error: unknown) => void;
}) {
  const { state } = useAppState();
  const { t } = state;
  // The body mounts only while the panel is open, so its refreshes stop when it is folded away.
  const expanded = useSignal(false);

  async function move(target: 'open' | 'close') {
    try {
      await api(`/api/waves/${wave.id}/${target}`, { method: 'POST' });
      await onChange();
    } catch (error) {
      onProblem(error);
    }
  }

  return (
    <details
      class="wave"
      onToggle={(e) => {
        expanded.value = (e.currentTarget as HTMLDetailsElement).open;
      }}
    >
      <summary>
        <strong>{wave.title}</strong>{' '}
        <span class={`badge badge-${wave.status}`}>{t(`wave.status.${wave.status}`)}</span>
        <span class="muted">
          {' '}
          {wave.questionnaire.key}@{wave.questionnaire.version}
        </span>
      </summary>
      <div class="wave-actions">
        {manager && wave.status === 'draft' && (
          <button type="button" class="primary" onClick={() => move('open')}>
            {t('wave.open')}
          </button>
        )}
        {manager && wave.status === 'open' && (
          <button type="button" onClick={() => move('close')}>
            {t('wave.close')}
          </button>
        )}
        {(wave.status === 'closed' || (manager && wave.status === 'open')) && (
          <a class="button" href={`/reports/${wave.id}`}>
            {t('wave.report')}
          </a>
        )}
      </div>
      {expanded.value &&
        (manager ? (
          <ConsultantView wave={wave} onChange={onChange} onProblem={onProblem} />
        ) : (
          <LeaderView wave={wave} onProblem={onProblem} />
        ))}
    </details>
  );
}

function ConsultantView({
  wave,
  onChange,
  onProblem,
}: {
  wave: Wave;
  onChange: () => Promise<void>;
  onProblem: (error: unknown) => void;
}) {
  const links = useSignal<WaveLink[] | null>(null);
  // Keyed on the status too: opening or closing a wave changes what its links allow.
  useEffect(() => {
    api<{ links: WaveLink[] }>(`/api/waves/${wave.id}`)
      .then((answer) => {
        links.value = answer.links;
      })
      .catch(onProblem);
  }, [wave.id, wave.status]);
  return (
    <>
      <WaveSchedule wave={wave} manager onChange={onChange} onProblem={onProblem} />
      <TeamLinks wave={wave} links={links} onProblem={onProblem} />
      <DeliverySection wave={wave} onProblem={onProblem} />
      <ProgressTable wave={wave} onProblem={onProblem} />
    </>
  );
}

function LeaderView({ wave, onProblem }: { wave: Wave; onProblem: (error: unknown) => void }) {
  const { state } = useAppState();
  const { t } = state;
  const participation = useSignal<PublishedParticipation[] | null>(null);
  useEffect(() => {
    api<PublishedParticipation[]>(`/api/waves/${wave.id}/participation`)
      .then((rows) => {
        participation.value = rows;
      })
      .catch(onProblem);
  }, [wave.id]);
  if (!participation.value) return null;
  return (
    <>
      <h3>{t('wave.participation')}</h3>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('report.team')}</th>
            <th scope="col">{t('wave.responses')}</th>
            <th scope="col">{t('wave.headcount')}</th>
            <th scope="col">{t('wave.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {participation.value.map((row) => (
            <tr key={row.teamKey}>
              <td>{row.teamName}</td>
              <td>{row.responses}</td>
              <td>{row.headcount ?? '—'}</td>
              <td>{row.rate === null ? '—' : `${Math.round(row.rate * 100)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
