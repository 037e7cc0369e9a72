import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { OrganizationView } from '../../../../shared/contract/organizations.ts';
import type { TeamParticipation, WaveWithLinks } from '../../../../shared/contract/waves.ts';
import { ApiError, api } from '../../api.ts';
import { useConfirm } from '../../components/confirm-dialog.tsx';
import { closeWave } from '../../components/confirmations.ts';
import { LoadState, PartState } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { Problems } from '../../components/problems.tsx';
import { useResource } from '../../components/resource.ts';
import { ScrollRegion } from '../../components/scroll-region.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { DeliverySection } from './delivery-section.tsx';
import { runs } from './organization-page.tsx';
import { percent } from './progress-figures.ts';
import { ProgressTable } from './progress-table.tsx';
import { untilScheduledChange } from './schedule.ts';
import { SmallTeamsNotice } from './small-teams-notice.tsx';
import { TeamLinks } from './team-links.tsx';
import { WaveSchedule } from './wave-schedule.tsx';
import type { Wave, WaveLink } from './wave-types.ts';

/**
 * One wave, on a page of its own: its state and the steps that move it on, then (for those who run
 * it) its schedule, links and codes, mail and live participation; for leaders, the participation
 * its report publishes.
 */
export function WavePage({ orgId, waveId }: { orgId: string; waveId: string }) {
  const { state } = useAppState();
  const { t, explainLines } = state;
  const problems = useSignal<string[]>([]);
  const links = useSignal<WaveLink[] | null>(null);
  const { ask, dialog } = useConfirm();
  const { resource, reload, refresh } = useResource(async () => {
    const [org, wave] = await Promise.all([
      api<OrganizationView>(`/api/organizations/${orgId}`),
      api<WaveWithLinks>(`/api/waves/${waveId}`),
    ]);
    // A wave of another organization, under this one's address, is not a wave of this one.
    if (wave.organizationId !== org.id)
      throw new ApiError(404, 'There is no such wave.', [], null, 'wave.not-found');
    return { org, wave };
  }, `${orgId} ${waveId} ${state.user.value?.id}`);
  const current = resource.value;
  const manager = current.status === 'ready' && runs(current.data.org);
  useEffect(() => {
    if (current.status === 'ready') links.value = current.data.wave.links;
  }, [current]);

  // The schedule opens a draft at its opening time and closes an open wave at its deadline while
  // the page is up: it looks again then, and every little while until the change shows.
  useEffect(() => {
    if (current.status !== 'ready') return;
    const { wave } = current.data;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      const wait = untilScheduledChange(wave, Date.now());
      if (wait === null || stopped) return;
      timer = setTimeout(async () => {
        // A hidden tab does not ask; nor does a look that changed nothing stop the next one.
        if (!document.hidden) await refresh();
        arm();
      }, wait);
    };
    arm();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [current]);

  // One banner for the page's steps, so each step clears it as it starts: a refusal stays only
  // until the next try, never beside the step that then worked.
  const onProblem = (error: unknown) => {
    problems.value = explainLines(error);
  };
  const onClear = () => {
    problems.value = [];
  };

  async function move(wave: Wave, target: 'open' | 'close') {
    if (target === 'close' && !(await ask(closeWave(wave, links.value?.length ?? 0)))) return;
    onClear();
    try {
      await moveWave(wave.id, target, { reload, refresh });
    } catch (error) {
      onProblem(error);
    }
  }

  return (
    <PageFrame title={current.status === 'ready' ? current.data.wave.title : t('org.waves')}>
      <LoadState
        resource={current}
        missing="state.noWave"
        back={
          current.status === 'missing'
            ? { href: `/console/${orgId}`, label: 'state.backToOrganization' }
            : { href: '/console', label: 'state.backToOrganizations' }
        }
        onRetry={reload}
      >
        {({ org, wave }) => (
          <>
            <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
              <a href="/console">{t('nav.organizations')}</a>
              <span aria-hidden="true"> › </span>
              <a href={`/console/${orgId}`}>{org.name}</a>
              <span aria-hidden="true"> › </span>
              <span aria-current="page">{wave.title}</span>
            </nav>
            <div class="page-heading">
              <h1>{wave.title}</h1>
              <span class={`badge badge-${wave.status}`}>{t(`wave.status.${wave.status}`)}</span>
            </div>
            <p class="muted">
              {wave.questionnaire.key}@{wave.questionnaire.version}
            </p>
            <Problems problems={problems} />
            {manager && <SmallTeamsNotice wave={wave} k={org.anonymityThreshold} />}
            <div class="wave-actions">
              {manager && wave.status === 'draft' && (
                <button type="button" class="primary" onClick={() => move(wave, 'open')}>
                  {t('wave.open')}
                </button>
              )}
              {manager && wave.status === 'open' && (
                <button type="button" class="danger" onClick={() => move(wave, 'close')}>
                  {t('wave.close')}
                </button>
              )}
              {(wave.status === 'closed' || (manager && wave.status === 'open')) && (
                <a class="button" href={`/reports/${wave.id}`}>
                  {t('wave.report')}
                </a>
              )}
            </div>
            {manager ? (
              <>
                <div class="card wave-part">
                  <h2>{t('wave.schedule')}</h2>
                  <WaveSchedule
                    wave={wave}
                    manager
                    onChange={reload}
                    onProblem={onProblem}
                    onClear={onClear}
                  />
                </div>
                <div class="card wave-part">
                  <TeamLinks wave={wave} links={links} onProblem={onProblem} onClear={onClear} />
                </div>
                <div class="card wave-part">
                  <DeliverySection wave={wave} />
                </div>
                <div class="card wave-part">
                  <ProgressTable wave={wave} />
                </div>
              </>
            ) : (
              <LeaderParticipation wave={wave} />
            )}
            {dialog}
          </>
        )}
      </LoadState>
    </PageFrame>
  );
}

/**
 * Opens or closes a wave, then shows it as it now is. A refusal because it had already moved
 * (409: another consultant, or its schedule, got there first) shows it as it now is too, beside
 * the reason, instead of a status and a button that are no longer true. That look is quiet: if it
 * fails, the page and the reason stay.
 */
export async function moveWave(
  waveId: string,
  target: 'open' | 'close',
  look: { reload: () => Promise<void>; refresh: () => Promise<void> },
): Promise<void> {
  try {
    await api(`/api/waves/${waveId}/${target}`, { method: 'POST' });
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) await look.refresh();
    throw error;
  }
  await look.reload();
}

function LeaderParticipation({ wave }: { wave: Wave }) {
  const { t } = useAppState().state;
  const { resource, reload } = useResource(
    () => api<TeamParticipation[]>(`/api/waves/${wave.id}/participation`),
    wave.id,
  );
  const current = resource.value;
  return (
    <section class="card">
      <h2>{t('wave.participation')}</h2>
      {current.status !== 'ready' ? (
        <PartState resource={current} onRetry={reload} />
      ) : current.data.length === 0 ? (
        <p class="empty-state">{t('wave.noPublishedParticipation')}</p>
      ) : (
        <ParticipationTable rows={current.data} />
      )}
    </section>
  );
}

/** The participation a wave's report publishes, team by team, as the language writes figures. */
export function ParticipationTable({ rows }: { rows: readonly TeamParticipation[] }) {
  const { t, locale } = useAppState().state;
  return (
    <ScrollRegion label={t('wave.participation')}>
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
          {rows.map((row) => (
            <tr key={row.teamKey}>
              <td>{row.teamName}</td>
              <td>{formatNumber(locale.value, row.responses)}</td>
              <td>{row.headcount === null ? '—' : formatNumber(locale.value, row.headcount)}</td>
              <td>{percent(row.rate, locale.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
