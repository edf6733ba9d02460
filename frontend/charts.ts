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

/**
 * Counts per category as horizontal bars, largest first: every label written out in full, the
 * count at the end of its bar, a bar of at least a sliver for the smallest count. Plain DOM, so
 * labels wrap instead of overprinting and a screen reader (or a test) can read them.
 */
export function categoryBars(el: HTMLElement, labels: string[], values: number[], color = PALETTE[0]!): void {
  charts.get(el)?.destroy();
  charts.delete(el);
  if (labels.length === 0 || values.every((v) => !v)) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  const rows = labels.map((label, i) => ({ label, value: values[i] ?? 0 })).sort((a, b) => b.value - a.value);
  const max = Math.max(...rows.map((r) => r.value));
  const list = document.createElement('ol');
  list.className = 'bars';
  for (const { label, value } of rows) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'bar-label';
    name.textContent = label;
    const track = document.createElement('span');
    track.className = 'bar-track';
    const bar = document.createElement('span');
    bar.className = 'bar';
    // The track keeps 4.5rem for the count at the bar's end.
    bar.style.width = value > 0 ? `max(2px, calc((100% - 4.5rem) * ${(value / max).toFixed(4)}))` : '0';
    bar.style.background = color;
    const count = document.createElement('span');
    count.className = 'bar-value';
    count.textContent = value.toLocaleString('en');
    track.append(bar, count);
    item.append(name, track);
    list.append(item);
  }
  el.replaceChildren(list);
}

/**
 * Two shares per category side by side, as horizontal bar pairs (percent of each whole), every
 * label written out; sorted by the first share. For comparing a version's mix with the training split's.
 */
export function pairedShares(
  el: HTMLElement,
  labels: string[],
  [first, second]: [{ name: string; counts: number[] }, { name: string; counts: number[] }],
): void {
  charts.get(el)?.destroy();
  charts.delete(el);
  const share = (counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((n) => (100 * n) / total);
  };
  const a = share(first.counts);
  const b = share(second.counts);
  if (labels.length === 0) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  const max = Math.max(...a, ...b, 1);
  const list = document.createElement('ol');
  list.className = 'bars paired';
  const bar = (value: number, color: string, name: string) => {
    const track = document.createElement('span');
    track.className = 'bar-track';
    const fill = document.createElement('span');
    fill.className = 'bar';
    fill.style.width = value > 0 ? `max(2px, calc((100% - 4.5rem) * ${(value / max).toFixed(4)}))` : '0';
    fill.style.background = color;
    fill.title = name;
    const count = document.createElement('span');
    count.className = 'bar-value';
    count.textContent = `${value.toFixed(1)} %`;
    track.append(fill, count);
    return track;
  };
  for (const i of labels.map((_, i) => i).sort((x, y) => a[y]! - a[x]! || b[y]! - b[x]!)) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'bar-label';
    name.textContent = labels[i]!;
    const pair = document.createElement('span');
    pair.className = 'bar-pair';
    pair.append(bar(a[i]!, PALETTE[0]!, first.name), bar(b[i]!, PALETTE[1]!, second.name));
    item.append(name, pair);
    list.append(item);
  }
  const legend = document.createElement('p');
  legend.className = 'muted pair-legend';
  legend.textContent = `upper bar: ${first.name}; lower bar: ${second.name}`;
  el.replaceChildren(legend, list);
}

/** Several numeric series over the same numeric x (histograms per split, volume over time). */
export function lineChart(
  el: HTMLElement,
  x: number[],
  series: { label: string; values: (number | null)[] }[],
  {
    time = false,
    xLabel = '',
    yLabel = 'records',
    xTick,
  }: { time?: boolean; xLabel?: string; yLabel?: string; xTick?: (x: number) => string } = {},
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
      axes: [
        {
          label: xLabel,
          ...(xTick && {
            values: (_: uPlot, ticks: number[]) => ticks.map((t) => (x.includes(t) ? xTick(t) : '')),
          }),
        },
        { label: yLabel, size: 60 },
      ],
      // One series: the caption names it, a legend row would only repeat it.
      legend: { show: series.length > 1 },
      series: [
        { label: xLabel || 'x' },
        ...series.map((s, i) => ({
          label: s.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          points: { show: x.length < 40 },
          // null is a day without data: drawn as a gap, never bridged by a line.
          spanGaps: false,
        })),
      ],
    },
    [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
  );
  // What is drawn, for a reader of the DOM (and the browser test): points and gaps per series.
  el.dataset.points = String(x.length);
  el.dataset.gaps = String(series.reduce((n, s) => n + s.values.filter((v) => v === null).length, 0));
}
