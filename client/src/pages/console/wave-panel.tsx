import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { encode } from 'uqr';
import { api } from '../../api.ts';
import { useAppState } from '../../state/app-state.ts';

export interface Wave {
  id: string;
  title: string;
  status: 'draft' | 'open' | 'closed';
  questionnaire: { key: string; version: string };
  closesAt: string | null;
}

interface Link {
  teamKey: string;
  teamName: string;
  code: string;
  url: string;
}
interface Participation {
  teamKey: string;
  teamName: string;
  responses: number;
  headcount: number | null;
  rate: number | null;
  /** The team's link has taken more answers than the team has members and refuses more. */
  full?: boolean;
}

/** A QR code as an SVG data URL: no script, no inline style, allowed by the page's policy. */
function qrDataUrl(text: string): string {
  const { size, data } = encode(text, { border: 2 });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function download(filename: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.click();
  URL.revokeObjectURL(url);
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
  const links = useSignal<Link[] | null>(null);
  const participation = useSignal<Participation[] | null>(null);
  const copied = useSignal('');
  const qrFor = useSignal<Link | null>(null);
  const invitationTeam = useSignal('');
  const invitationCount = useSignal(20);

  // While a wave is open and its panel is expanded, participation refreshes on its own.
  const expanded = useSignal(false);
  useEffect(() => {
    if (!expanded.value || wave.status !== 'open') return;
    const timer = setInterval(() => {
      api<Participation[]>(`/api/waves/${wave.id}/participation`)
        .then((rows) => {
          participation.value = rows;
        })
        .catch(() => {});
    }, 10_000);
    return () => clearInterval(timer);
  }, [expanded.value, wave.status]);

  async function expand() {
    try {
      if (manager) links.value = (await api<{ links: Link[] }>(`/api/waves/${wave.id}`)).links;
      participation.value = await api<Participation[]>(`/api/waves/${wave.id}/participation`);
    } catch (error) {
      onProblem(error);
    }
  }

  async function move(target: 'open' | 'close') {
    try {
      await api(`/api/waves/${wave.id}/${target}`, { method: 'POST' });
      await onChange();
      await expand();
    } catch (error) {
      onProblem(error);
    }
  }

  async function invitations() {
    try {
      const result = await api<{ teamKey: string; codes: string[]; url: string }>(
        `/api/waves/${wave.id}/invitations`,
        {
          method: 'POST',
          body: { teamKey: invitationTeam.value, count: invitationCount.value },
        },
      );
      download(
        `invitations-${result.teamKey}.csv`,
        `team,link,invitation_code\r\n${result.codes.map((code) => `${result.teamKey},${result.url},${code}`).join('\r\n')}\r\n`,
      );
    } catch (error) {
      onProblem(error);
    }
  }

  return (
    <details
      class="wave"
      onToggle={(e) => {
        expanded.value = (e.currentTarget as HTMLDetailsElement).open;
        if ((e.currentTarget as HTMLDetailsElement).open) void expand();
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
      {links.value && (
        <>
          <h3>{t('wave.links')}</h3>
          <table class="data">
            <tbody>
              {links.value.map((link) => (
                <tr key={link.code}>
                  <td>{link.teamName}</td>
                  <td>
                    <code class="link-url">{link.url}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      class="small"
                      onClick={async () => {
                        await navigator.clipboard?.writeText(link.url).catch(() => {});
                        copied.value = link.code;
                      }}
                    >
                      {copied.value === link.code ? t('common.copied') : t('common.copy')}
                    </button>
                    <button
                      type="button"
                      class="small"
                      onClick={() => {
                        qrFor.value = qrFor.value?.code === link.code ? null : link;
                      }}
                    >
                      QR
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {qrFor.value && (
            <figure class="qr">
              <img
                src={qrDataUrl(qrFor.value.url)}
                width={200}
                height={200}
                alt={t('wave.qr', { team: qrFor.value.teamName })}
              />
              <figcaption>{qrFor.value.teamName}</figcaption>
            </figure>
          )}
          {wave.status !== 'closed' && (
            <div class="inline-form">
              <h3>{t('wave.invitations')}</h3>
              <label class="field">
                <span>{t('report.team')}</span>
                <select
                  value={invitationTeam.value}
                  onChange={(e) => {
                    invitationTeam.value = e.currentTarget.value;
                  }}
                >
                  <option value="">—</option>
                  {links.value.map((link) => (
                    <option key={link.teamKey} value={link.teamKey}>
                      {link.teamName}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field">
                <span>{t('wave.invitationCount')}</span>
                <input
                  type="number"
                  min={1}
                  max={2000}
                  value={invitationCount.value}
                  onInput={(e) => {
                    invitationCount.value = Number(e.currentTarget.value);
                  }}
                />
              </label>
              <button type="button" disabled={!invitationTeam.value} onClick={invitations}>
                {t('wave.generate')}
              </button>
            </div>
          )}
        </>
      )}
      {participation.value && (
        <>
          <h3>{t('wave.participation')}</h3>
          <table class="data">
            <thead>
              <tr>
                <th>{t('report.team')}</th>
                <th>{t('wave.responses')}</th>
                <th>{t('wave.headcount')}</th>
                <th>{t('wave.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {participation.value.map((row) => (
                <tr key={row.teamKey}>
                  <td>
                    {row.teamName}
                    {row.full && (
                      <>
                        {' '}
                        <span class="badge badge-closed" title={t('wave.linkFullHelp')}>
                          {t('wave.linkFull')}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{row.responses}</td>
                  <td>{row.headcount ?? '—'}</td>
                  <td>{row.rate === null ? '—' : `${Math.round(row.rate * 100)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}
