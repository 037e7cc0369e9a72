import { useSignal } from '@preact/signals';
import { CategoryScale, Chart, type ChartConfiguration, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { HeatmapPoint } from './heatmap-config.ts';
import type { Group } from './report-types.ts';
import { useChart } from './use-chart.ts';

// Only the parts of Chart.js this page draws with.
Chart.register(MatrixController, MatrixElement, CategoryScale, Tooltip);

/** The height of one row of cells, and of the column names above them, in CSS pixels. */
const ROW = 34;
const HEAD = 60;
/** The most rows drawn at once: beyond that the heat map scrolls, and draws only the rows in view. */
export const WINDOW_ROWS = 20;

/** The fill of a suppressed cell: grey with a diagonal hatch. */
export function hatchPattern(): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return '#d9dbe0';
  ctx.fillStyle = '#eceef2';
  ctx.fillRect(0, 0, 8, 8);
  ctx.strokeStyle = '#9aa0aa';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, 8);
  ctx.lineTo(8, 0);
  ctx.stroke();
  return ctx.createPattern(tile, 'repeat') ?? '#d9dbe0';
}

/** A request to bring one row into view and put the keyboard's place on it (a new object each time). */
export interface RowRequest {
  teamKey: string | null;
}

/**
 * The heat map's canvas and the chart drawn on it. The chart lives exactly as long as this
 * component, and so as long as its canvas: while the report reloads (a change of language, new
 * data) the page shows "Loading…" and unmounts the canvas, and a chart owned by the page would
 * outlive it, bound to a detached canvas, and never draw on the new one.
 *
 * However many rows are unfolded, the chart draws at most WINDOW_ROWS of them: the canvas stays
 * in place (sticky) inside a scrolling box as tall as all the rows, and scrolling changes which
 * rows it draws. A 10,000-team organization with every level open costs the same to draw as a
 * department.
 */
export function Heatmap({
  rows,
  configFor,
  columns,
  label,
  hint,
  onCell,
  onToggle,
  show,
}: {
  /** Every row unfolded, in order; only those in view are drawn. */
  rows: readonly Group[];
  /** The chart for these rows; `onRow` is told the index (in them) of a row whose name was clicked. */
  configFor: (
    rows: readonly Group[],
    onRow: (index: number) => void,
  ) => ChartConfiguration<'matrix', HeatmapPoint[]>;
  columns: number;
  label: string;
  /** How to use the heat map with the keyboard, read out by screen readers. */
  hint: string;
  onCell: (point: HeatmapPoint) => void;
  /** Folds or unfolds a row's teams. */
  onToggle: (group: Group) => void;
  show?: RowRequest | null;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const drawn = Math.min(rows.length, WINDOW_ROWS);
  const windowed = rows.length > WINDOW_ROWS;
  /** The first row in view, as scrolled to. */
  const scrolled = useSignal(0);
  const setFirst = (row: number) => {
    scrolled.value = row;
  };
  const first = Math.max(0, Math.min(scrolled.value, rows.length - drawn));
  const inView = useMemo(() => rows.slice(first, first + drawn), [rows, first, drawn]);
  const config = useMemo(() => configFor(inView, (index) => onToggle(inView[index]!)), [inView, configFor]);
  const chart = useChart(canvas, config);
  const height = Math.max(240, drawn * ROW + HEAD);

  // The keyboard's place: a row among all unfolded rows, and a column.
  const place = useRef({ row: 0, column: 0 });
  /** The cell at the keyboard's place, in words, for a screen reader to say as the place moves. */
  const said = useSignal('');
  /** Highlights the keyboard's place once the chart draws its row; the tooltip follows it. */
  const showPlace = () => {
    const instance = chart.current;
    const row = place.current.row - first;
    if (!instance || row < 0 || row >= drawn) return;
    const index = row * columns + place.current.column;
    const element = instance.getDatasetMeta(0).data[index];
    if (!element) return;
    const active = [{ datasetIndex: 0, index }];
    instance.setActiveElements(active);
    instance.tooltip?.setActiveElements(active, { x: element.x, y: element.y });
    instance.update('none');
    // What the tooltip now shows, read out: the canvas is one image to a screen reader.
    const tooltip = instance.tooltip;
    if (tooltip) said.value = [...tooltip.title, ...tooltip.body.flatMap((part) => part.lines)].join('. ');
  };
  const placePending = useRef(false);
  // Runs after useChart's layout effect has given the chart the rows now in view.
  useLayoutEffect(() => {
    if (placePending.current) showPlace();
    placePending.current = false;
  }, [config]);

  /** Scrolls so that the keyboard's place is in view, then highlights it. */
  function bringIntoView(row: number, margin = 0) {
    place.current.row = Math.max(0, Math.min(rows.length - 1, row));
    let next = first;
    if (place.current.row < first) next = Math.max(0, place.current.row - margin);
    else if (place.current.row >= first + drawn) next = place.current.row - drawn + 1 + margin;
    next = Math.max(0, Math.min(next, rows.length - drawn));
    if (next === first) return showPlace();
    placePending.current = true;
    setFirst(next);
    if (scroller.current) scroller.current.scrollTop = next * ROW;
  }

  // A row asked for from outside (a team found by name): in view, with the keyboard's place on it.
  useEffect(() => {
    if (!show) return;
    const row = rows.findIndex((group) => group.teamKey === show.teamKey);
    if (row === -1) return;
    place.current.column = 0;
    bringIntoView(row, Math.floor(drawn / 3));
    canvas.current?.focus();
  }, [show]);

  function onKey(event: KeyboardEvent) {
    if (!chart.current) return;
    const { row, column } = place.current;
    if (event.key === 'Enter') {
      // As a click does, so a keyboard user can commit to an action on this cell too.
      const point = config.data.datasets[0]!.data[(row - first) * columns + column];
      if (point) onCell(point);
      return;
    }
    if (event.key === ' ' || event.key === '+' || event.key === '-') {
      event.preventDefault();
      const group = rows[row];
      if (group) onToggle(group);
      return;
    }
    const moves: Record<string, [number, number]> = {
      ArrowRight: [0, 1],
      ArrowLeft: [0, -1],
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
      PageDown: [drawn, 0],
      PageUp: [-drawn, 0],
      Home: [-rows.length, 0],
      End: [rows.length, 0],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    place.current.column = Math.min(columns - 1, Math.max(0, column + move[1]));
    bringIntoView(row + move[0]);
  }

  const hintId = 'heatmap-keys';
  return (
    <div class="scroll-x heatmap-chart">
      <div
        class={windowed ? 'heatmap-window' : undefined}
        ref={scroller}
        style={windowed ? { height: `${height}px` } : undefined}
        onScroll={() => setFirst(Math.floor((scroller.current?.scrollTop ?? 0) / ROW))}
      >
        <div style={windowed ? { height: `${height + (rows.length - drawn) * ROW}px` } : undefined}>
          <div class="heatmap" style={{ height: `${height}px` }}>
            <canvas
              ref={canvas}
              tabIndex={0}
              role="img"
              aria-label={label}
              aria-describedby={hintId}
              onKeyDown={onKey}
            />
          </div>
        </div>
      </div>
      <p id={hintId} class="visually-hidden">
        {hint}
      </p>
      <p class="visually-hidden heatmap-place" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
