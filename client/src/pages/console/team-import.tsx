import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type {
  DraftWaveLoss,
  TeamImportPreview,
  TeamImportProblem,
  TeamList,
} from '../../../../shared/contract/teams.ts';
import { ApiError, api } from '../../api.ts';
import { useConfirm } from '../../components/confirm-dialog.tsx';
import { removeTeams } from '../../components/confirmations.ts';
import { en, type MessageKey } from '../../i18n/en.ts';
import { useAppState } from '../../state/app-state.ts';
import {
  TEAM_FIELDS as FIELDS,
  type TeamField as Field,
  importQuery,
  previewedQuery,
} from './team-import-query.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A problem as the preview names it: a stable code and values, so it is said in this page's language. */
type Problem = TeamImportProblem;
/** The answer of POST /teams/preview. */
type Preview = TeamImportPreview;

/** A draft's removed teams are named up to this many; the count says the rest. */
const NAMED_TEAMS = 20;

const isXlsx = (file: File) => file.name.toLowerCase().endsWith('.xlsx') || file.type === XLSX_TYPE;

/**
 * Import of the team hierarchy. The server reads the file (CSV or .xlsx: no spreadsheet code in
 * this bundle) and answers a preview computed by the same checks as the save, so Save is enabled
 * exactly when the save will pass, and each problem sits beside its row.
 */
export function TeamImport({ orgId, onSaved }: { orgId: string; onSaved: (count: number) => Promise<void> }) {
  const { state } = useAppState();
  const { t } = state;
  const text = useSignal('');
  const file = useSignal<File | null>(null);
  const sheet = useSignal('');
  const chosen = useSignal<Partial<Record<Field, string>>>({});
  const preview = useSignal<Preview | null>(null);
  const checking = useSignal(false);
  const failure = useSignal<string[]>([]);
  const latest = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const { ask, dialog } = useConfirm();

  const say = (problem: Problem) => {
    const values = { ...problem.values };
    if (typeof values.other === 'string') values.other = t(`org.column.${values.other as Field}`);
    const key = `import.${problem.code}` as MessageKey;
    return key in en ? t(key, values) : problem.message;
  };

  // Said before saving, not learnt afterwards: what each draft wave loses with the teams removed.
  const lossText = (loss: DraftWaveLoss) => {
    const named = loss.teams.slice(0, NAMED_TEAMS).join(', ');
    const said = t('import.draftWaveLoses', {
      wave: loss.wave,
      teams: loss.teams.length > NAMED_TEAMS ? `${named}, …` : named,
      count: loss.teams.length,
      recipients: loss.recipients,
      codes: loss.personalCodes,
    });
    return loss.teamsLeft === 0 ? `${said} ${t('import.draftWaveEmpty')}` : said;
  };

  const upload = () =>
    file.value
      ? { body: file.value as Blob, type: isXlsx(file.value) ? XLSX_TYPE : 'text/csv' }
      : text.value.trim()
        ? { body: text.value, type: 'text/csv' }
        : null;
  const query = () => importQuery(sheet.value, chosen.value);
  const explain = state.explainLines;

  async function check() {
    const body = upload();
    const request = ++latest.current;
    failure.value = [];
    if (!body) {
      preview.value = null;
      checking.value = false;
      return;
    }
    checking.value = true;
    try {
      const answer = await api<Preview>(`/api/organizations/${orgId}/teams/preview${query()}`, {
        method: 'POST',
        upload: body,
      });
      if (request === latest.current) preview.value = answer;
    } catch (error) {
      if (request === latest.current) {
        preview.value = null;
        failure.value = explain(error);
      }
    } finally {
      if (request === latest.current) checking.value = false;
    }
  }

  // Typing is checked once it pauses; a file, a sheet or a column is checked at once.
  useEffect(() => {
    checking.value = Boolean(text.value.trim());
    const timer = setTimeout(check, 300);
    return () => clearTimeout(timer);
  }, [text.value]);

  async function save() {
    const body = upload();
    const shown = preview.value;
    if (!body || !shown) return;
    const removed = shown.changes?.removed ?? 0;
    if (removed > 0 && !(await ask(removeTeams(removed)))) return;
    failure.value = [];
    try {
      const result = await api<TeamList>(`/api/organizations/${orgId}/teams${previewedQuery(shown)}`, {
        method: 'PUT',
        upload: body,
      });
      text.value = '';
      file.value = null;
      sheet.value = '';
      chosen.value = {};
      preview.value = null;
      if (fileInput.current) fileInput.current.value = '';
      await onSaved(result.teams.length);
    } catch (error) {
      failure.value = explain(error);
      // Someone else imported meanwhile: preview again, against the teams as they are now. The
      // message stays, since a new preview clears only its own problems.
      if (error instanceof ApiError && error.code === 'teams.changed-since-preview') {
        const said = failure.value;
        await check();
        failure.value = [...said, ...failure.value];
      }
    }
  }

  const current = preview.value;
  const problemOf = (field: Field) => current?.problems.find((p) => p.field === `${field}Column`);
  const listProblems = current?.problems.filter((p) => !p.field.endsWith('Column')) ?? [];

  return (
    <div class="import">
      <h3>{t('org.importTitle')}</h3>
      <p class="muted">{t('org.importHelp')}</p>
      <p>
        {t('org.exportTeams')}{' '}
        <a href={`/api/organizations/${orgId}/teams.csv`} download>
          {t('org.exportCsv')}
        </a>
        {' · '}
        <a href={`/api/organizations/${orgId}/teams.xlsx`} download>
          {t('org.exportXlsx')}
        </a>
      </p>
      <label class="field">
        <span>{t('org.upload')}</span>
        <input
          ref={fileInput}
          type="file"
          accept={`.xlsx,.csv,.tsv,.txt,text/csv,${XLSX_TYPE}`}
          onChange={(e) => {
            file.value = e.currentTarget.files?.[0] ?? null;
            text.value = '';
            sheet.value = '';
            chosen.value = {};
            void check();
          }}
        />
      </label>
      {file.value ? (
        <p>
          {t('org.fileChosen', { name: file.value.name })}{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              file.value = null;
              if (fileInput.current) fileInput.current.value = '';
              void check();
            }}
          >
            {t('org.clearFile')}
          </button>
        </p>
      ) : (
        <label class="field">
          <span>{t('org.pasteCsv')}</span>
          <textarea
            rows={6}
            value={text.value}
            onInput={(e) => {
              text.value = e.currentTarget.value;
            }}
            placeholder="key,name,parent_key,headcount"
          />
        </label>
      )}
      {failure.value.length > 0 && (
        <div class="notice" role="alert">
          <ul>
            {failure.value.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      {current && current.format !== 'json' && (
        <fieldset class="inline-form">
          <legend>{t('org.columns')}</legend>
          {current.mappingSource === 'remembered' && <p class="muted">{t('org.columnsRemembered')}</p>}
          {current.sheets.length > 1 && (
            <label class="field">
              <span>{t('org.sheet')}</span>
              <select
                value={current.sheet ?? ''}
                onChange={(e) => {
                  sheet.value = e.currentTarget.value;
                  chosen.value = {};
                  void check();
                }}
              >
                {current.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {FIELDS.map((field) => {
            const problem = problemOf(field);
            return (
              <label class="field" key={field}>
                <span>{t(`org.column.${field}`)}</span>
                <select
                  value={current.mapping?.[field] ?? ''}
                  aria-label={t(`org.column.${field}`)}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby={problem ? `column-problem-${field}` : undefined}
                  onChange={(e) => {
                    chosen.value = { ...chosen.value, [field]: e.currentTarget.value };
                    void check();
                  }}
                >
                  <option value="">{t('org.noColumn')}</option>
                  {current.columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
                {problem && (
                  <small class="notice" id={`column-problem-${field}`}>
                    {say(problem)}
                  </small>
                )}
              </label>
            );
          })}
        </fieldset>
      )}
      {current && (
        <div>
          <h3>{t('org.preview')}</h3>
          {listProblems.length > 0 && (
            <div class="notice">
              <ul>
                {listProblems.map((p) => (
                  <li key={p.field + p.code + JSON.stringify(p.values)}>{say(p)}</li>
                ))}
              </ul>
            </div>
          )}
          {current.rows.some((r) => r.problems.length > 0) && <p class="notice">{t('org.rowErrors')}</p>}
          {current.changes && (
            <p class="success">
              {current.changes.unchanged === current.rows.length && current.changes.removed === 0
                ? t('org.noChanges')
                : t('org.changes', current.changes)}
            </p>
          )}
          {current.draftWaveLosses.length > 0 && (
            <div class="notice" role="status">
              <ul>
                {current.draftWaveLosses.map((loss) => (
                  <li key={loss.waveId}>{lossText(loss)}</li>
                ))}
              </ul>
            </div>
          )}
          {current.rows.length > 0 && (
            <div class="scroll-x">
              <table class="data">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('org.column.key')}</th>
                    <th>{t('org.column.name')}</th>
                    <th>{t('org.column.parentKey')}</th>
                    <th>{t('org.column.headcount')}</th>
                    <th>{t('org.rowProblems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.rows.map((row) => (
                    <tr key={row.row} class={row.problems.length ? 'row-error' : ''}>
                      <td>{row.row}</td>
                      <td>{row.key}</td>
                      <td>{row.name}</td>
                      <td>{row.parentKey}</td>
                      <td>{row.headcount}</td>
                      <td>{row.problems.map(say).join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {(current || checking.value) && (
        <p>
          <button type="button" class="primary" disabled={!current?.ok || checking.value} onClick={save}>
            {t('org.saveTeams')}
          </button>{' '}
          {checking.value && <span class="muted">{t('org.checking')}</span>}
        </p>
      )}
      {dialog}
    </div>
  );
}
