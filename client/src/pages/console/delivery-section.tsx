import { useSignal } from '@preact/signals';
import { ApiError, api, type FieldProblem } from '../../api.ts';
import { PolledPart } from '../../components/load-state.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { fieldProblemText } from '../../i18n/problem-text.ts';
import { useAppState } from '../../state/app-state.ts';
import { usePolling } from './use-polling.ts';
import type { Delivery, RecipientUpload, RemindersSent, Wave } from './wave-types.ts';

const REFRESH_MS = 30_000;
/** A spreadsheet with a wrong column has an error on every row; the first ones say what is wrong. */
const SHOWN_ROW_ERRORS = 50;

/**
 * A wave's email: who it goes to, what went out, and reminders. Nothing here can say who has
 * answered, and nothing tries: a reminder goes to every recipient.
 */
export function DeliverySection({ wave }: { wave: Wave }) {
  const { state } = useAppState();
  const { t } = state;
  const csv = useSignal('');
  const uploaded = useSignal<RecipientUpload | null>(null);
  const rowErrors = useSignal<FieldProblem[]>([]);
  const problem = useSignal('');
  const sending = useSignal(false);
  const reminded = useSignal<number | null>(null);

  const {
    resource: delivery,
    reload,
    refresh,
  } = usePolling(() => api<Delivery>(`/api/waves/${wave.id}/delivery`), {
    everyMs: REFRESH_MS,
    live: wave.status === 'open',
    key: wave.id,
  });

  // Said in the console's language by the server's code; a missing mail setup also refreshes the page.
  const show = (error: unknown) => {
    if (error instanceof ApiError && error.reason === 'email-not-configured') {
      problem.value = t('delivery.notConfigured');
      void refresh();
    } else if (error instanceof ApiError && error.fields.length > 0) rowErrors.value = error.fields;
    else problem.value = state.explain(error);
  };
  const clear = () => {
    problem.value = '';
    rowErrors.value = [];
    uploaded.value = null;
    reminded.value = null;
  };

  async function upload() {
    clear();
    sending.value = true;
    try {
      uploaded.value = await api<RecipientUpload>(`/api/waves/${wave.id}/recipients`, {
        method: 'PUT',
        csv: csv.value,
      });
      csv.value = '';
      // A quiet look: the list is saved, and says so, even if its new figures cannot come yet.
      await refresh();
    } catch (error) {
      show(error);
    } finally {
      sending.value = false;
    }
  }

  async function remind(recipients: number) {
    if (!window.confirm(t('delivery.remindConfirm', { count: recipients }))) return;
    clear();
    sending.value = true;
    try {
      reminded.value = (
        await api<RemindersSent>(`/api/waves/${wave.id}/reminders`, { method: 'POST' })
      ).recipients;
      await refresh();
    } catch (error) {
      show(error);
    } finally {
      sending.value = false;
    }
  }

  const current = delivery.value;
  const headingId = `delivery-${wave.id}`;
  if (current.status !== 'ready')
    return (
      <section class="delivery" aria-labelledby={headingId}>
        <PolledPart title={t('delivery.title')} headingId={headingId} resource={current} onRetry={reload} />
      </section>
    );
  const data = current.data;
  if (!data.emailConfigured)
    return (
      <section class="delivery" aria-labelledby={headingId}>
        <h2 id={headingId}>{t('delivery.title')}</h2>
        <p class="notice">{t('delivery.notConfigured')}</p>
      </section>
    );

  const teamName = new Map(data.teams.map((team) => [team.teamKey, team.teamName]));
  return (
    <section class="delivery" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('delivery.title')}</h2>
      <DeliveryCounts data={data} />
      {wave.status !== 'closed' && <HeldUp heldUp={data.heldUp} />}
      {data.failedAddresses.length > 0 && (
        <details class="failed-addresses">
          <summary>{t('delivery.failedAddresses', { count: data.failedAddresses.length })}</summary>
          <p class="muted">{t('delivery.failedHelp')}</p>
          <ul>
            {data.failedAddresses.map((address) => (
              <li key={address}>
                <code>{address}</code>
              </li>
            ))}
          </ul>
        </details>
      )}

      {problem.value && (
        <p class="notice" role="alert">
          {problem.value}
        </p>
      )}

      {wave.status === 'open' && (
        <div class="reminder">
          <button
            type="button"
            disabled={sending.value || data.recipients === 0}
            aria-describedby={`reminder-note-${wave.id}`}
            onClick={() => remind(data.recipients)}
          >
            {t('delivery.remind')}
          </button>
          <p class="anonymity-note" id={`reminder-note-${wave.id}`}>
            {t('delivery.remindNote')}
          </p>
          {reminded.value !== null && (
            <p class="success" role="status">
              {t('delivery.reminded', { count: reminded.value })}
            </p>
          )}
        </div>
      )}

      {wave.status !== 'closed' && (
        <div class="import">
          <h3>{t('delivery.uploadTitle')}</h3>
          <p class="muted">
            {t(wave.status === 'draft' ? 'delivery.uploadHelpDraft' : 'delivery.uploadHelpOpen')}
          </p>
          <label class="field">
            <span>{t('delivery.paste')}</span>
            <textarea
              rows={5}
              value={csv.value}
              spellcheck={false}
              placeholder={'email,team_key\nana@example.com,ops'}
              onInput={(e) => {
                csv.value = e.currentTarget.value;
              }}
            />
          </label>
          <label class="field">
            <span>{t('org.upload')}</span>
            <input
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (file) csv.value = await file.text();
              }}
            />
          </label>
          <button
            type="button"
            class="primary"
            disabled={sending.value || csv.value.trim() === ''}
            onClick={upload}
          >
            {t('delivery.upload')}
          </button>
          {uploaded.value && (
            <div class="success" role="status">
              <p>
                {t('delivery.uploaded', {
                  count: uploaded.value.teams.reduce((sum, team) => sum + team.recipients, 0),
                })}
                {uploaded.value.invited ? ` ${t('delivery.invited', { count: uploaded.value.invited })}` : ''}
              </p>
              <UploadedTeams uploaded={uploaded.value} teamName={teamName} />
            </div>
          )}
          {rowErrors.value.length > 0 && (
            <div class="notice" role="alert">
              <p>{t('delivery.rowErrors')}</p>
              <ul>
                {rowErrors.value.slice(0, SHOWN_ROW_ERRORS).map((error) => (
                  <li key={`${error.field} ${error.message}`}>
                    {fieldProblemText(state.locale.value, error)}
                  </li>
                ))}
              </ul>
              {rowErrors.value.length > SHOWN_ROW_ERRORS && (
                <p>{t('delivery.moreErrors', { count: rowErrors.value.length - SHOWN_ROW_ERRORS })}</p>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** A wave's mail in figures: for the whole wave, then per team, each as the language writes it. */
export function DeliveryCounts({ data }: { data: Delivery }) {
  const { t, locale } = useAppState().state;
  const count = (value: number) => formatNumber(locale.value, value);
  const active = data.teams.filter((team) => team.recipients + team.queued + team.sent + team.failed > 0);
  return (
    <>
      <dl class="counts">
        <div>
          <dt>{t('delivery.recipients')}</dt>
          <dd>{count(data.recipients)}</dd>
        </div>
        <div>
          <dt>{t('delivery.queued')}</dt>
          <dd>{count(data.queued)}</dd>
        </div>
        <div>
          <dt>{t('delivery.sent')}</dt>
          <dd>{count(data.sent)}</dd>
        </div>
        <div class={data.failed > 0 ? 'mail-failed' : undefined}>
          <dt>{t('delivery.failed')}</dt>
          <dd>{count(data.failed)}</dd>
        </div>
      </dl>
      {active.length > 0 && (
        <details class="delivery-teams">
          <summary>{t('delivery.perTeam')}</summary>
          <div class="scroll-x">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('report.team')}</th>
                  <th scope="col">{t('delivery.recipients')}</th>
                  <th scope="col">{t('delivery.queued')}</th>
                  <th scope="col">{t('delivery.sent')}</th>
                  <th scope="col">{t('delivery.failed')}</th>
                </tr>
              </thead>
              <tbody>
                {active.map((team) => (
                  <tr key={team.teamKey}>
                    <th scope="row">
                      {team.teamName}
                      {team.personalCodes && <span class="muted"> · {t('links.personalCodes')}</span>}
                    </th>
                    <td>{count(team.recipients)}</td>
                    <td>{count(team.queued)}</td>
                    <td>{count(team.sent)}</td>
                    <td class={team.failed > 0 ? 'mail-failed' : undefined}>{count(team.failed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}

/** How many recipients a saved list gave each team ("Platform: 1,204"), in the language's own way. */
export function UploadedTeams({
  uploaded,
  teamName,
}: {
  uploaded: RecipientUpload;
  teamName: ReadonlyMap<string, string>;
}) {
  const { t } = useAppState().state;
  return (
    <ul>
      {uploaded.teams.map((team) => (
        <li key={team.teamKey}>
          {t('common.labelled', {
            label: teamName.get(team.teamKey) ?? team.teamKey,
            value: team.recipients,
          })}
        </li>
      ))}
    </ul>
  );
}

/** Messages waiting for another try, and the mail server's last words, so a stall shows as one. */
export function HeldUp({ heldUp }: { heldUp: Delivery['heldUp'] }) {
  const { t } = useAppState().state;
  if (heldUp.messages === 0) return null;
  return (
    <div class="notice" role="status">
      <p>{t('delivery.heldUp', { count: heldUp.messages })}</p>
      {heldUp.lastError && (
        <p>
          {t('delivery.serverSaid')} <code>{heldUp.lastError}</code>
        </p>
      )}
    </div>
  );
}
