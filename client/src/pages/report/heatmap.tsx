import { CategoryScale, Chart, type ChartConfiguration, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useRef } from 'preact/hooks';
import type { HeatmapPoint } from './heatmap-config.ts';
import { useChart } from './use-chart.ts';

// Only the parts of Chart.js this page draws with.
Chart.register(MatrixController, MatrixElement, CategoryScale, Tooltip);

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

/**
 * The heat map's canvas and the chart drawn on it. The chart lives exactly as long as this
 * component, and so as long as its canvas: while the report reloads (a change of language, new
 * data) the page shows "Loading…" and unmounts the canvas, and a chart owned by the page would
 * outlive it, bound to a detached canvas, and never draw on the new one.
 */
export function Heatmap({
  config,
  columns,
  label,
  onCell,
}: {
  config: ChartConfiguration<'matrix', HeatmapPoint[]>;
  columns: number;
  label: string;
  onCell: (point: HeatmapPoint) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useChart(canvas, config);
  const points = config.data.datasets[0]!.data;
  const rows = points.length / columns;

  // Arrow keys move through the cells; the tooltip follows, so keyboard users get what hover shows.
  const focusIndex = useRef(0);
  function onKey(event: KeyboardEvent) {
    const instance = chart.current;
    if (!instance) return;
    if (event.key === 'Enter') {
      // As a click does, so a keyboard user can commit to an action on this cell too.
      onCell(points[focusIndex.current]!);
      return;
    }
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      ArrowDown: columns,
      ArrowUp: -columns,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    focusIndex.current = Math.min(points.length - 1, Math.max(0, focusIndex.current + move));
    const active = [{ datasetIndex: 0, index: focusIndex.current }];
    const element = instance.getDatasetMeta(0).data[focusIndex.current]!;
    instance.setActiveElements(active);
    instance.tooltip?.setActiveElements(active, { x: element.x, y: element.y });
    instance.update();
  }

  return (
    <div class="scroll-x heatmap-chart">
      <div class="heatmap" style={{ height: `${Math.max(240, rows * 34 + 60)}px` }}>
        <canvas ref={canvas} tabIndex={0} role="img" aria-label={label} onKeyDown={onKey} />
      </div>
    </div>
  );
}
