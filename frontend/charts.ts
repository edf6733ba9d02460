import uPlot from 'uplot';

const PALETTE = ['#2563eb', '#16a34a', '#ea580c', '#9333ea', '#0891b2', '#dc2626'];
const HEIGHT = 240;
const charts = new Map<HTMLElement, uPlot>();

/** Keeps every chart as wide as its container when the window resizes. */
window.addEventListener('resize', () => {
  for (const [el, chart] of charts) chart.setSize({ width: el.clientWidth, height: HEIGHT });
});

function place(el: HTMLElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): void {
  charts.get(el)?.destroy();
  el.replaceChildren();
  charts.set(el, new uPlot({ ...opts, width: Math.max(el.clientWidth, 280), height: HEIGHT }, data, el));
}

/** Says why a chart is empty instead of drawing empty axes. */
export function emptyChart(el: HTMLElement, message: string): void {
  charts.get(el)?.destroy();
  charts.delete(el);
  const note = document.createElement('p');
  note.className = 'empty-note';
  note.textContent = message;
  el.replaceChildren(note);
}

/** Counts per category as bars; categories on x by index, labelled. */
export function barChart(
  el: HTMLElement,
  labels: string[],
  values: number[],
  seriesLabel: string,
  color = PALETTE[0]!,
): void {
  if (labels.length === 0 || values.every((v) => !v)) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  place(
    el,
    {
      // Bars start at zero: a bar's height is its count.
      scales: {
        x: { time: false, range: [-0.5, labels.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
      },
      axes: [
        {
          values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? (labels[t] ?? '') : '')),
          rotate: labels.length > 5 ? -35 : 0,
          size: labels.length > 5 ? 110 : 40,
        } as uPlot.Axis,
        { label: 'records', size: 60 },
      ],
      series: [
        { label: 'category', value: (_, i) => (i == null ? '' : (labels[i] ?? '')) },
        {
          label: seriesLabel,
          fill: `${color}cc`,
          stroke: color,
          paths: uPlot.paths.bars!({ size: [0.6, 80] }),
          points: { show: false },
        },
      ],
      padding: [12, 48, 0, 0], // room for the last rotated label
      // One series: the caption names it; the hover legend shows the category and count.
      legend: { show: true, live: true },
    },
    [labels.map((_, i) => i), values],
  );
}

/** Several numeric series over the same numeric x (histograms per split, volume over time). */
export function lineChart(
  el: HTMLElement,
  x: number[],
  series: { label: string; values: (number | null)[] }[],
  { time = false, xLabel = '' } = {},
): void {
  if (x.length === 0 || series.every((s) => s.values.every((v) => !v))) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  place(
    el,
    {
      scales: {
        // A single day would otherwise stretch over years of empty axis: show a week around it.
        x: {
          time,
          ...(time && x.length === 1 ? { range: [x[0]! - 3 * 86400, x[0]! + 3 * 86400] as [number, number] } : {}),
        },
        y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
      },
      axes: [{ label: xLabel }, { label: 'records', size: 60 }],
      series: [
        { label: xLabel || 'x' },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          points: { show: x.length < 40 },
        })),
      ],
    },
    [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
  );
}
