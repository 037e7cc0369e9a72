import { Chart, type ChartConfiguration, type ChartType, type DefaultDataPoint } from 'chart.js';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Creates the chart once, updates it when the configuration changes, destroys it on unmount. The
 * update runs before the browser paints (a layout effect), so a heat map scrolled to new rows never
 * shows a frame of the old ones.
 */
export function useChart<T extends ChartType, D = DefaultDataPoint<T>>(
  canvas: RefObject<HTMLCanvasElement | null>,
  config: ChartConfiguration<T, D> | null,
) {
  const chart = useRef<Chart<T, D> | null>(null);
  useLayoutEffect(() => {
    if (!canvas.current || !config) return;
    if (!chart.current) {
      chart.current = new Chart(canvas.current, config);
    } else {
      chart.current.data = config.data;
      if (config.options) chart.current.options = config.options;
      chart.current.update();
    }
  }, [config]);
  useEffect(() => () => chart.current?.destroy(), []);
  return chart;
}
