import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Questionnaire } from '../../../../shared/contract/questionnaires.ts';
import { api } from '../../api.ts';
import { bringIntoView } from '../../components/bring-into-view.ts';
import { PageFrame } from '../../components/page-frame.tsx';
import { formatDate, formatNumber, formatPercent, formatSigned } from '../../i18n/format.ts';
import { useAppState } from '../../state/app-state.ts';
import { ActionForm, type ActionTarget } from '../actions/action-form.tsx';
import { mayActOn } from '../actions/action-types.ts';
import { outcomeText } from '../actions/outcome-text.ts';
import { CommentsSection } from './comments-section.tsx';
import { FigureHelp } from './figure-help.tsx';
import { Heatmap, hatchPattern, type RowRequest, WINDOW_ROWS } from './heatmap.tsx';
import {
  colourFor,
  type HeatmapPoint,
  heatmapConfig,
  heatmapPoints,
  rowLabel,
  SIGNIFICANT_MARK,
  textColourFor,
} from './heatmap-config.ts';
import {
  findTeams,
  heatmapTree,
  initialExpansion,
  type RowKey,
  revealed,
  toggled,
  visibleRows,
} from './heatmap-tree.ts';
import { useDetailsOpenInPrint, usePrintHeader } from './print-layout.ts';
import {
  cellTooltip,
  intervalText,
  showsChanges,
  trustIndexChange,
  trustInterval,
} from './report-figures.ts';
import { ReportPreview } from './report-preview.tsx';
import { type Group, type HeatmapView, hiddenReason, LOW_AGREEMENT, type Report } from './report-types.ts';
import { SharePanel } from './share-panel.tsx';

/** The questionnaire's wording, for the items' text and each dimension's recommendations. */
type QuestionnaireItems = Questionnaire;

export function ReportPage({ waveId }: { waveId: string }) {
  const { state } = useAppState();
  const { t, explain } = state;
  const locale = state.locale.value;
  const signed = (value: number) => formatSigned(locale, value);
  const percent = (share: number) => formatPercent(locale, share);
  const whole = (value: number) => formatNumber(locale, value);
  // A score with the heat map's one decimal (50.0 beside 37.5), in the page's language.
  const score = (value: number) => formatNumber(locale, value, 1);
  /**
   * "—" where a change would be, saying why to whoever points at it or hears the page; the legend
   * says it on paper. A new element each time: one vnode cannot be in two places.
   */
  const noChange = () => (
    <span class="no-change" title={t('report.notBefore')}>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">{t('report.notBefore')}</span>
    </span>
  );
  /**
   * What the difference and change views colour a cell by, written after its score, so that the
   * table (the printed heat map) says what its colours mean: "· −4.2", "· +6.1 ●", and "· —" for
   * a shown cell with no change to show.
   */
  const viewFigure = (point: HeatmapPoint | undefined) => {
    if ((view.value !== 'delta' && view.value !== 'change') || !point) return '';
    if (point.v === null) return point.cell ? <> · {noChange()}</> : '';
    return ` · ${signed(point.v)}${point.significant ? SIGNIFICANT_MARK : ''}`;
  };
  const report = useSignal<Report | null>(null);
  /** The item detail of the group last opened, cut from the report with items. */
  const detailed = useSignal<Group | null>(null);
  /** The wording of each item, in the page's language, for the item detail. */
  const itemWording = useSignal<Record<string, { text: string; reverse: boolean; dimension: string }>>({});
  const problem = useSignal('');
  /** Why the group last asked for could not be opened (busy, offline), with a way to try again. */
  const detailProblem = useSignal('');
  const view = useSignal<HeatmapView>('score');
  const selected = useSignal<string | null | undefined>(undefined);
  /** The dimension of the heat-map cell last opened, for "Commit to an action" from it. */
  const selectedDimension = useSignal<string | null>(null);
  const recommendations = useSignal<Record<string, string[]>>({});
  const committing = useSignal<ActionTarget | null>(null);
  /** The heat map's rows as a tree, the rows unfolded, and a team looked for by name. */
  const tree = useComputed(() => (report.value ? heatmapTree(report.value) : null));
  const expanded = useSignal<ReadonlySet<RowKey>>(new Set([null]));
  const visible = useComputed(() => (tree.value ? visibleRows(tree.value, expanded.value) : []));
  const query = useSignal('');
  const found = useComputed(() => (tree.value ? findTeams(tree.value, query.value, 8) : []));
  const showRow = useSignal<RowRequest | null>(null);
  /**
   * The heading of a group's questions, or why they could not be read, and where the keyboard was
   * when they were asked for (undefined when nothing is awaited). The panel opens below the heat
   * map, out of sight, so opening it (a click, Enter on a cell) brings its answer into view, with
   * the keyboard's place on it, once it comes: unless the reader has gone on meanwhile (typing a
   * team's name, an action's form), whom a late answer must not pull away.
   */
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const detailFailure = useRef<HTMLElement>(null);
  const focusDetail = useRef<Element | null | undefined>(undefined);
  useEffect(() => {
    const answer = detailHeading.current ?? detailFailure.current;
    if (focusDetail.current === undefined || !answer) return;
    const askedFrom = focusDetail.current;
    focusDetail.current = undefined;
    const now = document.activeElement;
    if (now === askedFrom || now === null || now === document.body) bringIntoView(answer);
  });

  // Bumped by "Try again" after a failed load.
  const attempt = useSignal(0);
  useEffect(() => {
    if (!state.user.value) return;
    problem.value = '';
    report.value = null;
    detailed.value = null;
    itemWording.value = {};
    api<Report>(`/api/waves/${waveId}/report?locale=${state.locale.value}`)
      .then((data) => {
        // A department's report opens whole; an organization of thousands of teams, at its first levels.
        expanded.value = initialExpansion(heatmapTree(data), 60);
        report.value = data;
      })
      .catch((error: unknown) => {
        problem.value = explain(error);
      });
  }, [waveId, state.locale.value, state.user.value, attempt.value]);

  const text = useComputed(() => ({
    hidden: {
      // The same words for a whole group as for one cell: a row of them says it is the group.
      group: t('report.hiddenCell'),
      cell: t('report.hiddenCell'),
    },
    organization: t('report.organization'),
    figure: (value: number, digits: number) => formatNumber(state.locale.value, value, digits),
  }));
  /** Why a figure of this group is missing, in words. */
  const hidden = (group: Group) =>
    text.value.hidden[hiddenReason(group)].replace('{k}', String(report.value?.anonymityThreshold ?? 5));
  const closedOn = report.value?.wave.closedAt
    ? t('report.closedOn', {
        date: formatDate(locale, report.value.wave.closedAt, 'longDate'),
      })
    : null;
  const threshold = t('report.threshold', { k: report.value?.anonymityThreshold ?? 5 });
  // Which wave every change is since: on screen and on paper, where the board reads it.
  const previous = report.value?.wave.previous;
  const comparedWith = previous ? t('report.comparedWith', { wave: previous.title }) : null;
  useDetailsOpenInPrint();
  usePrintHeader(
    report.value && closedOn
      ? [report.value.organization.name, report.value.wave.title, closedOn, comparedWith, threshold]
          .filter(Boolean)
          .join(' · ')
      : null,
  );
  const hatch = useMemo(() => (typeof document === 'undefined' ? '#ddd' : hatchPattern()), []);

  /** Whether the report compares with a previous wave anywhere: then a missing change says why. */
  const changes = useComputed(() => (report.value ? showsChanges(report.value) : false));
  const tooltip = (point: HeatmapPoint): string[] =>
    cellTooltip(point, {
      t,
      locale: state.locale.value,
      hidden,
      explainNoChange: view.value === 'change' || changes.value,
    });

  const onCell = (point: HeatmapPoint) => {
    selectedDimension.value = point.dimension;
    void openDetail(point.group.teamKey);
  };
  const childCount = (group: Group) => tree.value?.children.get(group.teamKey) ?? 0;
  const onToggle = (group: Group) => {
    if (childCount(group) > 0) expanded.value = toggled(expanded.value, group.teamKey);
  };
  /** Each row's name on the heat map, with ▾ on an unfolded row that has teams and ▸ on a folded one. */
  const marker = (group: Group) =>
    childCount(group) === 0 ? '' : expanded.value.has(group.teamKey) ? '▾ ' : '▸ ';
  const configFor = useComputed(() => {
    const data = report.value;
    const current = { view: view.value, text: text.value, expanded: expanded.value };
    return (rows: readonly Group[], onRow: (index: number) => void) =>
      heatmapConfig(data!, current.view, current.text, {
        hatch,
        tooltip,
        onCell,
        rows,
        label: (group) => rowLabel(group, marker(group)),
        onRow,
      });
  });
  /** The figures of every unfolded row, for the table (and the printed heat map). */
  const points = useComputed(() =>
    report.value ? heatmapPoints(report.value, view.value, text.value, visible.value) : [],
  );
  function findTeam(teamKey: string) {
    expanded.value = revealed(tree.value!, expanded.value, teamKey);
    query.value = '';
    showRow.value = { teamKey };
  }

  async function openDetail(teamKey: string | null) {
    selected.value = teamKey;
    detailed.value = null;
    focusDetail.current = document.activeElement;
    detailProblem.value = '';
    try {
      await loadDetail(teamKey);
    } catch (error) {
      // Only for the group still asked for; a click meant to open it must not do nothing.
      if (selected.value === teamKey) detailProblem.value = explain(error);
    }
  }

  async function loadDetail(teamKey: string | null) {
    const { key, version } = report.value!.wave.questionnaire;
    const questionnaire = `/api/questionnaires/${key}/versions/${version}`;
    // One group's items, cut from the report with items (R3): the whole of it is megabytes at
    // thousands of teams.
    const root = teamKey === null ? '' : `&root=${encodeURIComponent(teamKey)}`;
    const [items, wording] = await Promise.all([
      api<Report>(`/api/waves/${waveId}/report?detail=items&depth=0${root}&locale=${state.locale.value}`),
      // In the page's language if the questionnaire has it, else in its own default.
      Object.keys(itemWording.value).length > 0
        ? null
        : api<QuestionnaireItems>(`${questionnaire}?locale=${state.locale.value}`).catch(() =>
            api<QuestionnaireItems>(questionnaire),
          ),
    ]);
    if (wording) {
      itemWording.value = Object.fromEntries(
        wording.items.map((item) => [
          item.id,
          { text: item.text, reverse: item.reverse, dimension: item.dimension },
        ]),
      );
      recommendations.value = Object.fromEntries(wording.dimensions.map((d) => [d.id, d.recommendations]));
    }
    // Only the group still asked for: a second click may have answered first.
    if (selected.value === teamKey)
      detailed.value = teamKey === null ? items.organization : (items.groups[0] ?? null);
  }

  if (problem.value) {
    return (
      <PageFrame title={t('report.title')}>
        <section class="card empty-state" role="alert">
          <h1>{t('report.title')}</h1>
          <p>{problem.value || t('report.none')}</p>
          <p class="row">
            <button
              type="button"
              class="primary"
              onClick={() => {
                attempt.value += 1;
              }}
            >
              {t('common.retry')}
            </button>
            <a href="/console">{t('state.backToOrganizations')}</a>
          </p>
        </section>
      </PageFrame>
    );
  }
  const data = report.value;
  if (!data)
    return (
      <PageFrame title={t('report.title')}>
        <p>{t('common.loading')}</p>
      </PageFrame>
    );

  if (data.wave.status !== 'closed')
    return (
      <PageFrame title={`${t('report.title')} · ${data.wave.title}`}>
        <ReportPreview report={data} t={t} />
      </PageFrame>
    );

  const org = data.organization;
  const trustRange = trustInterval(data);
  const trustTrend = trustIndexChange(data);
  const nameOf = (id: string) => data.dimensions.find((d) => d.id === id)?.name ?? id;
  const closeDetail = (
    <button
      type="button"
      onClick={() => {
        selected.value = undefined;
      }}
    >
      {t('report.closeDetail')}
    </button>
  );
  const detailGroup =
    selected.value === undefined || detailed.value?.teamKey !== selected.value ? null : detailed.value;
  const teamName = (teamKey: string | null) =>
    teamKey === null
      ? t('report.organization')
      : (data.groups.find((g) => g.teamKey === teamKey)?.name ?? teamKey);
  const commitTo = (teamKey: string | null, dimension: string, suggested?: string[]) => {
    committing.value = {
      waveId,
      teamKey,
      teamName: teamName(teamKey),
      dimension,
      dimensionName: nameOf(dimension),
      recommendations: suggested ?? recommendations.value[dimension] ?? [],
    };
  };
  const detailCell =
    detailGroup && selectedDimension.value ? detailGroup.dimensions[selectedDimension.value] : null;
  /**
   * A group's questions under their dimensions' names, the dimension of the cell opened first: a
   * leader who clicked Mobile · Ownership reads Ownership's questions at once. The others follow,
   * named, in the report's order, since the panel is the whole team's questions (the table's row
   * names open it with no dimension at all) and they say what "weakest" is weaker than.
   */
  const itemsByDimension = (group: Group) => {
    const entries = Object.entries(group.items ?? {});
    const first = selectedDimension.value;
    const order = [
      ...(first && data.dimensions.some((d) => d.id === first) ? [first] : []),
      ...data.dimensions.map((d) => d.id).filter((id) => id !== first),
    ];
    const known = new Set(order);
    const sections: { dimension: string | null; items: typeof entries }[] = order
      .map((dimension) => ({
        dimension,
        items: entries.filter(([id]) => itemWording.value[id]?.dimension === dimension),
      }))
      .filter((section) => section.items.length > 0);
    // A question whose wording did not come (or names no dimension of the report) is still shown.
    const rest = entries.filter(([id]) => !known.has(itemWording.value[id]?.dimension ?? ''));
    if (rest.length > 0) sections.push({ dimension: null, items: rest });
    return sections;
  };

  return (
    <PageFrame title={`${t('report.title')} · ${data.wave.title}`}>
      <div class="report">
        <header class="report-header">
          <div>
            <h1>{data.wave.title}</h1>
            <p class="muted">
              {org.name} · {data.wave.questionnaire.key}@{data.wave.questionnaire.version} ·{' '}
              {org.n === null
                ? t('report.suppressed', { k: data.anonymityThreshold })
                : t('report.respondents', { n: org.n })}
            </p>
            <p class="muted">{[closedOn, comparedWith, threshold].filter(Boolean).join(' · ')}</p>
          </div>
          <div class="report-actions no-print">
            <a class="button" href={`/api/waves/${waveId}/report.csv?locale=${state.locale.value}`} download>
              {t('report.downloadCsv')}
            </a>
            <button type="button" onClick={() => window.print()}>
              {t('report.print')}
            </button>
          </div>
        </header>

        <section class="headline">
          <div class="card trust-index">
            <h2>{t('report.trustIndex')}</h2>
            <p class="big">{org.trustIndex === null ? '—' : score(org.trustIndex)}</p>
            {trustRange && (
              <p class="muted">
                {t('report.trustInterval', { lo: score(trustRange[0]), hi: score(trustRange[1]) })}
              </p>
            )}
            {trustTrend !== null ? (
              <p>{t('report.trend', { change: signed(trustTrend) })}</p>
            ) : (
              org.trustIndex !== null && changes.value && <p class="muted">{noChange()}</p>
            )}
          </div>
          {data.dimensions.map((dimension) => {
            const cell = org.dimensions[dimension.id];
            return (
              <div class={`card dimension${dimension.outcome ? ' outcome' : ''}`} key={dimension.id}>
                <h3>{dimension.name}</h3>
                {cell ? (
                  <>
                    <p class="big">{score(cell.score)}</p>
                    <div class="favourability" aria-hidden="true">
                      <span class="fav-unfavorable" style={{ width: `${cell.unfavorable * 100}%` }} />
                      <span class="fav-neutral" style={{ width: `${cell.neutral * 100}%` }} />
                      <span class="fav-favorable" style={{ width: `${cell.favorable * 100}%` }} />
                    </div>
                    <p class="muted">
                      {percent(cell.favorable)} {t('report.favorable')} · {intervalText(t, locale, cell.ci95)}
                    </p>
                    {cell.trend ? (
                      <p class="muted">
                        {t('report.trend', { change: signed(cell.trend.change) })}
                        {cell.trend.significant ? ` · ${t('report.significant')}` : ''}
                      </p>
                    ) : (
                      changes.value && <p class="muted">{noChange()}</p>
                    )}
                  </>
                ) : (
                  <p class="muted">{hidden(org)}</p>
                )}
              </div>
            );
          })}
        </section>
        <FigureHelp question={t('report.help.interval')} answer={t('report.help.intervalText')} />

        <section class="card heatmap-card">
          <div class="heatmap-head">
            <h2>{t('report.heatmap')}</h2>
            <fieldset class="segmented no-print">
              <legend class="visually-hidden">{t('report.heatmap')}</legend>
              {(['score', 'favorable', 'delta', 'change'] as const).map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name="view"
                    value={option}
                    checked={view.value === option}
                    onChange={() => {
                      view.value = option;
                    }}
                  />
                  <span>{t(`report.view.${option}`)}</span>
                </label>
              ))}
            </fieldset>
            {/* The choice above is not printed; the page says which view its colours show. */}
            <p class="print-view">{t(`report.view.${view.value}`)}</p>
          </div>
          <div class="legend" aria-hidden="true">
            {/* The change view colours by the change since the previous wave, not by the distance from the organization. */}
            {/* Each swatch kept on one line with its words: a wrap between them read as the next entry's. */}
            <span class="legend-entry">
              <span class="swatch swatch-below" />{' '}
              {t(view.value === 'change' ? 'report.legend.lower' : 'report.legend.low')}
            </span>
            <span class="legend-entry">
              <span class="swatch swatch-even" /> ±
            </span>
            <span class="legend-entry">
              <span class="swatch swatch-above" />{' '}
              {t(view.value === 'change' ? 'report.legend.higher' : 'report.legend.high')}
            </span>
            <span class="legend-entry">
              <span class="swatch swatch-hatched" />{' '}
              {t('report.legend.hidden', { k: data.anonymityThreshold })}
            </span>
            <span class="legend-entry">
              <span class="swatch swatch-split" /> ≈ {t('report.lowAgreement')}
            </span>
            {view.value === 'change' && <span> {t('report.legend.significant')}</span>}
            {(view.value === 'change' || changes.value) && <span>— {t('report.notBefore')}</span>}
          </div>
          <FigureHelp question={t('report.help.agreement')} answer={t('report.help.agreementText')} />
          {tree.value && tree.value.all.length > WINDOW_ROWS && (
            <div class="heatmap-find no-print">
              <label>
                {t('report.findTeam')}{' '}
                <input
                  type="search"
                  value={query.value}
                  onInput={(event) => {
                    query.value = (event.target as HTMLInputElement).value;
                  }}
                />
              </label>
              {query.value.trim() !== '' && (
                <ul class="plain found-teams">
                  {found.value.length === 0 && <li class="muted">{t('report.findNone')}</li>}
                  {found.value.map((group) => (
                    <li key={group.teamKey}>
                      <button type="button" class="link" onClick={() => findTeam(group.teamKey!)}>
                        {group.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <Heatmap
            rows={visible.value}
            configFor={configFor.value}
            columns={data.dimensions.length}
            label={t('report.heatmap')}
            hint={t('report.heatmapKeys')}
            onCell={onCell}
            onToggle={onToggle}
            show={showRow.value}
          />
          <details class="table-view">
            <summary>{t('report.table')}</summary>
            <div class="scroll-x">
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">{t('report.team')}</th>
                    <th scope="col">n</th>
                    {data.dimensions.map((d) => (
                      <th scope="col" key={d.id}>
                        {d.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {visible.value.map((group, row) => (
                    <tr key={group.teamKey ?? 'org'}>
                      <th
                        scope="row"
                        // Indented by level; the table's own cell padding would override a class.
                        style={{
                          paddingLeft: `${0.5 + 1.2 * Math.min(group.depth + (group.teamKey ? 1 : 0), 4)}rem`,
                        }}
                      >
                        {childCount(group) > 0 && (
                          <button
                            type="button"
                            class="link fold no-print"
                            aria-expanded={expanded.value.has(group.teamKey)}
                            aria-label={t(
                              expanded.value.has(group.teamKey) ? 'report.fold' : 'report.unfold',
                              {
                                team: group.teamKey === null ? t('report.organization') : group.name,
                              },
                            )}
                            onClick={() => onToggle(group)}
                          >
                            {expanded.value.has(group.teamKey) ? '▾' : '▸'}
                          </button>
                        )}
                        <button
                          type="button"
                          class="link"
                          onClick={() => {
                            // A team's questions, not a cell's: no dimension first, none to act on.
                            selectedDimension.value = null;
                            void openDetail(group.teamKey);
                          }}
                        >
                          {group.teamKey === null ? t('report.organization') : group.name}
                        </button>
                        {/* On paper no fold marker shows: say what the folded row leaves out. */}
                        {childCount(group) > 0 && !expanded.value.has(group.teamKey) && (
                          <span class="print-only muted">
                            {' '}
                            {t('report.foldedInPrint', {
                              count: tree.value?.descendants.get(group.teamKey) ?? 0,
                            })}
                          </span>
                        )}
                      </th>
                      <td>{group.n ?? '—'}</td>
                      {data.dimensions.map((d, column) => {
                        const cell = group.dimensions[d.id];
                        // Printed, this table is the heat map (styles.css): the chart's colours, as text.
                        const point = points.value[row * data.dimensions.length + column];
                        return (
                          <td
                            key={d.id}
                            class={cell ? undefined : 'hidden-cell'}
                            style={
                              cell && point
                                ? { '--cell': colourFor(point.d), '--cell-ink': textColourFor(point.d) }
                                : undefined
                            }
                          >
                            {cell ? (
                              <>
                                {`${score(cell.score)} (${percent(cell.favorable)})${cell.rwg !== null && cell.rwg < LOW_AGREEMENT ? ' ≈' : ''}`}
                                {viewFigure(point)}
                              </>
                            ) : (
                              hidden(group)
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>

        {selected.value !== undefined && detailProblem.value && (
          <section class="card detail no-print" role="alert" ref={detailFailure} tabIndex={-1}>
            <p class="notice">{detailProblem.value}</p>
            <div class="row">
              <button type="button" class="primary" onClick={() => openDetail(selected.value ?? null)}>
                {t('common.retry')}
              </button>
              {closeDetail}
            </div>
          </section>
        )}
        {detailGroup && (
          <section class="card detail" aria-live="polite">
            <div class="heatmap-head">
              <h2 ref={detailHeading} tabIndex={-1}>
                {t('report.items', {
                  team: detailGroup.teamKey === null ? t('report.organization') : detailGroup.name,
                })}
              </h2>
              <div class="row no-print">
                {detailCell &&
                  selectedDimension.value &&
                  mayActOn(state.user.value, data.wave.organizationId, detailGroup.teamKey) && (
                    <button
                      type="button"
                      class="primary"
                      onClick={() => commitTo(detailGroup.teamKey, selectedDimension.value!)}
                    >
                      {t('actions.commit')} · {nameOf(selectedDimension.value)}
                    </button>
                  )}
                {closeDetail}
              </div>
            </div>
            <table class="data item-table">
              <thead>
                <tr>
                  <th scope="col">{t('report.column.question')}</th>
                  <th scope="col">{t('report.view.score')}</th>
                  <th scope="col">{t('report.column.favorable')}</th>
                  {/* Only where there is an earlier wave to compare with: a first wave's is always empty. */}
                  {changes.value && <th scope="col">{t('report.column.change')}</th>}
                </tr>
              </thead>
              {itemsByDimension(detailGroup).map(({ dimension, items }) => (
                <tbody key={dimension ?? ''}>
                  {dimension !== null && (
                    <tr class="item-dimension">
                      <th scope="rowgroup" colSpan={changes.value ? 4 : 3}>
                        {nameOf(dimension)}
                      </th>
                    </tr>
                  )}
                  {items.map(([id, cell]) => (
                    <tr key={id}>
                      <th scope="row" class="item-text">
                        {itemWording.value[id]?.text ?? id}
                        {itemWording.value[id]?.reverse && (
                          <span class="muted"> · {t('report.reverseItem')}</span>
                        )}
                      </th>
                      <td>{cell ? score(cell.score) : hidden(detailGroup)}</td>
                      {/* The column says "favourable": the cell gives the share alone. */}
                      <td>{cell ? percent(cell.favorable) : ''}</td>
                      {changes.value && (
                        <td>
                          {cell?.trend ? t('report.trend', { change: signed(cell.trend.change) }) : ''}
                          {cell?.trend?.significant ? ` · ${t('report.significant')}` : ''}
                          {cell && !cell.trend ? noChange() : ''}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
            {!detailGroup.suppressed && Object.values(detailGroup.items ?? {}).some((cell) => !cell) && (
              <p class="muted">{t('report.itemsHidden')}</p>
            )}
          </section>
        )}

        <section class="columns">
          <div class="card">
            <h2>{t('report.hotspots')}</h2>
            {data.hotspots.length === 0 && <p class="muted">{t('report.noHotspots')}</p>}
            <ol class="hotspots">
              {data.hotspots.map((spot) => (
                <li key={`${spot.teamKey}-${spot.dimension}`}>
                  <strong>{spot.teamName}</strong> ·{' '}
                  {t('common.labelled', { label: nameOf(spot.dimension), value: score(spot.score) })} (
                  {signed(spot.delta)})
                  <details>
                    <summary>{t('report.recommendations')}</summary>
                    <ul>
                      {spot.recommendations.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </details>
                  <button
                    type="button"
                    class="link no-print"
                    onClick={() => commitTo(spot.teamKey, spot.dimension, spot.recommendations)}
                  >
                    {t('actions.commit')}
                  </button>
                </li>
              ))}
            </ol>
          </div>
          <div class="card">
            <h2>{t('report.drivers')}</h2>
            <p class="muted">{t('report.driversHelp')}</p>
            {data.drivers.length === 0 && <p class="muted">{t('report.driversTooFew')}</p>}
            <ul class="drivers">
              {data.drivers.map((driver) => (
                <li key={driver.dimension}>
                  <span>{nameOf(driver.dimension)}</span>
                  <span class="driver-bar">
                    <span style={{ width: `${Math.abs(driver.correlation) * 100}%` }} />
                  </span>
                  <span>r = {formatNumber(locale, driver.correlation, 2)}</span>
                </li>
              ))}
            </ul>
            <h3>{t('report.reliability')}</h3>
            <FigureHelp question={t('report.help.reliability')} answer={t('report.help.reliabilityText')} />
            <ul class="plain">
              {Object.entries(data.reliability).map(([id, r]) => (
                <li key={id}>
                  {t('common.labelled', {
                    label: nameOf(id),
                    value: r.alpha === null ? '—' : formatNumber(locale, r.alpha, 2),
                  })}{' '}
                  (n = {whole(r.n)})
                </li>
              ))}
            </ul>
          </div>
        </section>

        {committing.value && (
          <ActionForm
            key={`${committing.value.teamKey}-${committing.value.dimension}`}
            target={committing.value}
            onClose={() => {
              committing.value = null;
            }}
          />
        )}

        {(data.actions ?? []).length > 0 && (
          <section class="card report-outcomes">
            <h2>{t('actions.fromEarlier')}</h2>
            <p class="muted">{t('actions.fromEarlierHelp')}</p>
            <ul class="outcomes">
              {(data.actions ?? []).map((action) => (
                <li key={action.id} class={`outcome verdict-${action.outcome?.verdict ?? 'none'}`}>
                  <strong>{action.title}</strong>
                  <span class="muted">
                    {' '}
                    · {action.teamName ?? t('report.organization')} ·{' '}
                    {action.dimensionName ?? nameOf(action.dimension)} ·{' '}
                    {t(`actions.status.${action.status}`)}
                  </span>
                  <p>{outcomeText(action, t, locale, { dimensions: data.dimensions.map((d) => d.id) })}</p>
                </li>
              ))}
            </ul>
          </section>
        )}

        <SharePanel waveId={waveId} />

        {data.comments.length > 0 && <CommentsSection blocks={data.comments} />}
      </div>
    </PageFrame>
  );
}
