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

/** Drops the uPlot instance drawn into `el`, if any, before something else is drawn there. */
function forget(el: HTMLElement): void {
  charts.get(el)?.destroy();
  charts.delete(el);
}

/** Says why a chart is empty instead of drawing empty axes. */
export function emptyChart(el: HTMLElement, message: string): void {
  forget(el);
  el.replaceChildren(span('p', 'empty-note', message));
}

function span(tag: string, className: string, text = ''): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

/**
 * One bar of a bar list: `fraction` of the track (at least a sliver when above zero), the track
 * keeping 4.5rem for `text` at the bar's end.
 */
function barTrack(fraction: number, color: string, text: string, title = ''): HTMLElement {
  const track = span('span', 'bar-track');
  const bar = span('span', 'bar');
  bar.style.width = fraction > 0 ? `max(2px, calc((100% - 4.5rem) * ${fraction.toFixed(4)}))` : '0';
  bar.style.background = color;
  bar.title = title;
  track.append(bar, span('span', 'bar-value', text));
  return track;
}

/** A list of labelled rows (`.bars`): each label written out in full, beside what `bars` draws. */
function barList(className: string, rows: { label: string; bars: HTMLElement }[]): HTMLElement {
  const list = span('ol', className);
  for (const { label, bars } of rows) {
    const item = document.createElement('li');
    item.append(span('span', 'bar-label', label), bars);
    list.append(item);
  }
  return list;
}

/**
 * Counts per category as horizontal bars, largest first: every label written out in full, the
 * count at the end of its bar, a bar of at least a sliver for the smallest count. Plain DOM, so
 * labels wrap instead of overprinting and a screen reader (or a test) can read them.
 */
export function categoryBars(el: HTMLElement, labels: string[], values: number[], color = PALETTE[0]!): void {
  if (labels.length === 0 || values.every((v) => !v)) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  forget(el);
  const rows = labels.map((label, i) => ({ label, value: values[i] ?? 0 })).sort((a, b) => b.value - a.value);
  const max = Math.max(...rows.map((r) => r.value));
  el.replaceChildren(
    barList(
      'bars',
      rows.map(({ label, value }) => ({ label, bars: barTrack(value / max, color, value.toLocaleString('en')) })),
    ),
  );
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
  if (labels.length === 0) {
    emptyChart(el, 'nothing to show yet');
    return;
  }
  forget(el);
  const share = (counts: number[]) => {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return counts.map((n) => (100 * n) / total);
  };
  const a = share(first.counts);
  const b = share(second.counts);
  const max = Math.max(...a, ...b, 1);
  const order = labels.map((_, i) => i).sort((x, y) => a[y]! - a[x]! || b[y]! - b[x]!);
  const rows = order.map((i) => {
    const pair = span('span', 'bar-pair');
    pair.append(
      barTrack(a[i]! / max, PALETTE[0]!, `${a[i]!.toFixed(1)} %`, first.name),
      barTrack(b[i]! / max, PALETTE[1]!, `${b[i]!.toFixed(1)} %`, second.name),
    );
    return { label: labels[i]!, bars: pair };
  });
  el.replaceChildren(
    span('p', 'muted pair-legend', `upper bar: ${first.name}; lower bar: ${second.name}`),
    barList('bars paired', rows),
  );
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
