import 'uplot/dist/uPlot.min.css';
import './styles.css';
import type { Summary } from '../shared/bucket/dashboard-summary';
import { categoryBars, emptyChart, lineChart, pairedShares } from './charts';
import { csvLine } from './csv';

const SCHEMA_VERSION = 2;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Sorted [labels, values] of a count record, biggest first. */
function sortedCounts(counts: Record<string, number>): [string[], number[]] {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return [entries.map(([k]) => k), entries.map(([, n]) => n)];
}

function facts(el: HTMLElement, items: [string, string | number][]): void {
  el.replaceChildren(
    ...items.map(([label, value]) => {
      const div = document.createElement('div');
      div.className = 'fact';
      const b = document.createElement('b');
      b.textContent = typeof value === 'number' ? value.toLocaleString('en') : value;
      div.append(b, label);
      return div;
    }),
  );
}

function option(value: string, text = value): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

/** Why so many MedQuAD rows are dropped: a user would otherwise suspect the pipeline. */
function missingAnswerNote(missing: number): string {
  if (missing === 0) return '';
  return (
    `${missing.toLocaleString('en')} rows without an answer are dropped (missing_answer). In the MedQuAD ` +
    'release most rows have none: its authors removed the answers of three MedlinePlus subsets ' +
    '(A.D.A.M. Medical Encyclopedia, drug information, herbs and supplements) for copyright.'
  );
}

function renderOffline(summary: Summary): void {
  const offline = summary.offline;
  if (!offline) {
    $('offline-facts').textContent = 'No split yet: drop a MedQuAD export into data/offline/raw/.';
    for (const id of ['chart-splits', 'chart-offline-dropped', 'chart-types', 'chart-lengths'])
      emptyChart($(id), 'waiting for the first split');
    return;
  }
  facts($('offline-facts'), [
    ['initial records', offline.initial_records],
    ['final records', offline.final_records],
    ['source', offline.source],
    ['built', new Date(offline.created_at).toLocaleString('en')],
    ['quarantined files', Object.values(offline.quarantined_files).reduce((a, b) => a + b, 0)],
  ]);
  const splits = Object.keys(offline.split_counts);
  categoryBars(
    $('chart-splits'),
    splits,
    splits.map((s) => offline.split_counts[s]!),
  );
  const [reasons, dropped] = sortedCounts(offline.dropped);
  categoryBars($('chart-offline-dropped'), reasons, dropped, '#dc2626');
  $('offline-dropped-note').textContent = missingAnswerNote(offline.dropped.missing_answer ?? 0);

  const select = $<HTMLSelectElement>('type-split');
  select.replaceChildren(...splits.map((s) => option(s)));
  const drawTypes = () =>
    categoryBars(
      $('chart-types'),
      offline.question_types.types,
      offline.question_types.series[select.value] ?? [],
      '#16a34a',
    );
  select.onchange = drawTypes;
  drawTypes();

  lineChart(
    $('chart-lengths'),
    offline.question_length.bins,
    splits.map((s) => ({ label: s, values: offline.question_length.series[s] ?? [] })),
    { xLabel: 'characters' },
  );
  facts(
    $('quartiles'),
    splits.map((s) => [`${s} quartiles`, offline.question_length.quartiles[s]?.join(' / ') ?? '–']),
  );
}

/** Days from the first to the last with data, one per day: a day without records is null, a gap. */
function everyDay(days: number[], counts: number[]): [number[], (number | null)[]] {
  const byDay = new Map(days.map((day, i) => [day, counts[i]!]));
  const all: number[] = [];
  for (let day = days[0]!; day <= days.at(-1)!; day += 86_400) all.push(day);
  return [all, all.map((day) => byDay.get(day) ?? null)];
}

interface RecordRow {
  question: string;
  answer: string;
  question_type: string;
  source: string;
  line: number;
}

const PAGE_ROWS = 50;

/**
 * The explorer pages through a whole split (api/records streams it from the store), searched and
 * filtered server-side; production rows (PII-reduced) need the read token.
 */
function renderExplorer(summary: Summary): void {
  const split = $<HTMLSelectElement>('explore-split');
  const typeSelect = $<HTMLSelectElement>('filter-type');
  const search = $<HTMLInputElement>('search');
  const body = $('rows').querySelector('tbody')!;
  let offset = 0;
  let total = 0;
  let rows: RecordRow[] = [];
  let request = 0;
  typeSelect.replaceChildren(option('', 'all'), ...(summary.offline?.question_types.types ?? []).map((t) => option(t)));

  const load = async () => {
    const asked = (request += 1);
    const query = new URLSearchParams({ split: split.value, offset: String(offset), limit: String(PAGE_ROWS) });
    if (typeSelect.value) query.set('type', typeSelect.value);
    if (search.value.trim()) query.set('q', search.value.trim());
    const token = $<HTMLInputElement>('read-token').value.trim();
    $('match-count').textContent = 'loading…';
    const response = await fetch(`api/records?${query}`, {
      headers: split.value === 'production' && token ? { authorization: `Bearer ${token}` } : {},
    });
    if (asked !== request) return; // a newer query is on its way
    if (!response.ok) {
      const { error } = (await response.json().catch(() => ({}))) as { error?: string };
      rows = [];
      total = 0;
      body.replaceChildren();
      $('match-count').textContent = error ?? `api/records answered ${response.status}`;
      $<HTMLButtonElement>('page-prev').disabled = $<HTMLButtonElement>('page-next').disabled = true;
      return;
    }
    ({ rows, total } = (await response.json()) as { rows: RecordRow[]; total: number });
    tableRows(
      body,
      rows.map((r) => [r.question_type, r.question, r.answer, `${r.source.split('/').pop()}:${r.line}`]),
    );
    $('match-count').textContent = total
      ? `${(offset + 1).toLocaleString('en')}–${(offset + rows.length).toLocaleString('en')} of ${total.toLocaleString('en')} records`
      : 'no matching records';
    $<HTMLButtonElement>('page-prev').disabled = offset === 0;
    $<HTMLButtonElement>('page-next').disabled = offset + rows.length >= total;
  };
  const fromStart = () => {
    offset = 0;
    void load();
  };
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.oninput = () => {
    clearTimeout(typing);
    typing = setTimeout(fromStart, 300);
  };
  split.onchange = fromStart;
  typeSelect.onchange = fromStart;
  $('page-prev').onclick = () => {
    offset = Math.max(0, offset - PAGE_ROWS);
    void load();
  };
  $('page-next').onclick = () => {
    offset += PAGE_ROWS;
    void load();
  };
  $('download').onclick = () => {
    const csv = [
      'question_type,question,answer,source,line',
      ...rows.map((r) => csvLine([r.question_type, r.question, r.answer, r.source, String(r.line)])),
    ].join('\r\n');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = `medqa-${split.value}-${offset + 1}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  if (!summary.offline) return;
  // The explorer is last on the page: its first page is fetched when it comes into view, so
  // the charts are drawn first.
  const seen = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      seen.disconnect();
      fromStart();
    },
    { rootMargin: '600px' },
  );
  seen.observe($('explorer'));
}

function renderProduction(summary: Summary): void {
  const p = summary.production;
  facts($('production-facts'), [
    ['staged files', p.staged_files],
    ['records in', p.records_in],
    ['records kept', p.records_out],
    ['quarantined records', Object.values(p.dropped).reduce((a, b) => a + b, 0)],
    ['question length quartiles', p.question_length.quartiles?.join(' / ') ?? '–'],
  ]);
  if (p.volume[0].length) {
    const [days, counts] = everyDay(p.volume[0], p.volume[1]);
    lineChart($('chart-volume'), days, [{ label: 'records kept', values: counts }], { time: true });
  } else emptyChart($('chart-volume'), 'no production logs yet: they arrive in data/production/retraining_data_raw/');
  const [reasons, dropped] = sortedCounts(p.dropped);
  categoryBars($('chart-production-dropped'), reasons, dropped, '#dc2626');
  const [types, redactions] = sortedCounts(p.redactions);
  categoryBars($('chart-redactions'), types, redactions, '#9333ea');
  const [unsafeTypes, keptOut] = sortedCounts(p.unsafe_question_types ?? {});
  categoryBars($('chart-unsafe-types'), unsafeTypes, keptOut, '#ea580c');
  const drift = summary.drift;
  $('drift').replaceChildren(
    ...[drift.question_type_mix, drift.question_length].map((d) => {
      const div = document.createElement('div');
      div.className = `fact ${d.drifted ? 'drifted' : d.drifted === false ? 'ok' : ''}`;
      div.textContent = `${d.test}: ${d.value ?? 'not enough data'} (threshold ${d.threshold}${d.drifted === null ? '' : d.drifted ? ', drifted' : ', within'})`;
      return div;
    }),
  );
}

/** What retrain-batch leaves out of a version, in words. */
const BATCH_REASON_WORDS: Record<string, string> = {
  evaluation_question: 'evaluation questions (held out of training)',
  duplicate: 'repeats across staged files',
  in_earlier_version: 'already in an earlier version',
  invalid_staged_record: 'unreadable staged lines',
};

function renderVersions(summary: Summary): void {
  const select = $<HTMLSelectElement>('version-select');
  if (summary.versions.length === 0) {
    select.replaceChildren(option('', 'none yet'));
    $('version-facts').textContent =
      'No retraining version yet: retrain-batch makes one nightly from staged production records.';
    emptyChart($('chart-version-types'), 'no version yet');
    emptyChart($('chart-version-dropped'), 'no version yet');
    emptyChart($('chart-drift-types'), 'no version yet');
    emptyChart($('chart-version-shares'), 'no version yet');
    emptyChart($('chart-drift-lengths'), 'no version yet');
    emptyChart($('chart-version-unsafe'), 'no version yet');
    return;
  }
  select.replaceChildren(...summary.versions.map((v) => option(v.version)));
  const draw = () => {
    const v = summary.versions.find((x) => x.version === select.value)!;
    const unsafe = v.unsafe_question_types;
    facts($('version-facts'), [
      ['records', v.record_count],
      ['built', new Date(v.timestamp).toLocaleString('en')],
      // Versions built before the counts were recorded say so instead of showing a zero.
      ['held out as unsafe', unsafe ? Object.values(unsafe).reduce((a, b) => a + b, 0) : 'not recorded'],
      ['of them unclassified', unsafe ? (unsafe.unclassified ?? 0) : 'not recorded'],
    ]);
    // Where the staged records that are not in the version went.
    const notTaken = Object.entries(BATCH_REASON_WORDS)
      .filter(([reason]) => (v.dropped[reason] ?? 0) > 0)
      .map(([reason, words]) => `${v.dropped[reason]!.toLocaleString('en')} ${words}`);
    if (notTaken.length) {
      const note = document.createElement('p');
      note.className = 'muted';
      note.id = 'version-not-taken';
      note.textContent = `Staged but not in ${v.version}: ${notTaken.join(', ')}.`;
      $('version-facts').append(note);
    }
    const warn = (text: string) => {
      const warning = document.createElement('p');
      warning.className = 'warning';
      warning.textContent = text;
      $('version-facts').append(warning);
    };
    if (v.missing_types.length) warn(`Missing expected question types: ${v.missing_types.join(', ')}`);
    const older = v.rules_versions.filter((r) => r < summary.production.rules_version);
    if (older.length) {
      warn(
        `Built under older transform rules (${older.map((r) => `v${r}`).join(', ')}; now v${summary.production.rules_version}): replay re-stages the archive and the next version takes the new rules.`,
      );
    }
    const leaked = summary.offline?.versions_on_other_split.find((x) => x.version === v.version);
    if (leaked) {
      warn(
        `Built against an earlier split: ${leaked.evaluation_questions.toLocaleString('en')} of its questions are now evaluation questions.`,
      );
    }
    const [types, counts] = sortedCounts(v.question_type_counts);
    categoryBars($('chart-version-types'), types, counts, '#16a34a');
    const [reasons, dropped] = sortedCounts(v.dropped);
    categoryBars($('chart-version-dropped'), reasons, dropped, '#dc2626');
    const offline = summary.offline;
    if (offline) {
      const shareTypes = [...new Set([...offline.question_types.types, ...Object.keys(v.question_type_counts)])].sort();
      const training = offline.question_types.series.training ?? [];
      pairedShares($('chart-version-shares'), shareTypes, [
        {
          name: 'training split',
          counts: shareTypes.map((t) => training[offline.question_types.types.indexOf(t)] ?? 0),
        },
        { name: v.version, counts: shareTypes.map((t) => v.question_type_counts[t] ?? 0) },
      ]);
    } else emptyChart($('chart-version-shares'), 'no training split to compare with');
  };
  select.onchange = draw;
  draw();
  renderVersionDrift(summary);
}

/** Drift of each version against the training split, oldest first, with the threshold as a line. */
function renderVersionDrift(summary: Summary): void {
  const versions = [...summary.versions].reverse();
  const numbers = versions.map((v) => Number(v.version.slice(1)));
  const tick = (n: number) => `v${n}`;
  for (const [id, key, threshold] of [
    ['chart-drift-types', 'type_mix', summary.drift.question_type_mix.threshold],
    ['chart-drift-lengths', 'question_length', summary.drift.question_length.threshold],
  ] as const) {
    lineChart(
      $(id),
      numbers,
      [
        { label: 'distance', values: versions.map((v) => v.drift[key]) },
        { label: 'threshold', values: versions.map(() => threshold) },
      ],
      { xLabel: 'version', yLabel: 'distance', xTick: tick },
    );
  }
  // Versions built before this was recorded have no counts: a gap, not a zero.
  const unsafe = versions.map((v) => v.unsafe_question_types);
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  lineChart(
    $('chart-version-unsafe'),
    numbers,
    [
      { label: 'unclassified', values: unsafe.map((c) => (c ? (c.unclassified ?? 0) : null)) },
      { label: 'other unsafe types', values: unsafe.map((c) => (c ? total(c) - (c.unclassified ?? 0) : null)) },
    ],
    { xLabel: 'version', yLabel: 'questions', xTick: tick },
  );
}

function renderStages(summary: Summary): void {
  const body = $('stage-table').querySelector('tbody')!;
  if (summary.stages.length === 0) {
    body.innerHTML = '<tr><td colspan="5" class="muted">no stage has run yet</td></tr>';
    return;
  }
  tableRows(
    body,
    summary.stages.map((s) => [
      s.action,
      new Date(s.at).toLocaleString('en'),
      s.status,
      s.duration_ms === null ? '–' : `${s.duration_ms} ms`,
      s.detail ?? '',
    ]),
  );
}

/** Replaces a table body's rows; cells are text, never markup (record text is user data). */
function tableRows(body: HTMLElement, rows: string[][]): void {
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const value of cells) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.append(td);
      }
      return tr;
    }),
  );
}

const SECTIONS = ['offline', 'explorer', 'quarantine', 'production', 'versions', 'stages'];

interface QuarantineRow {
  reason: string;
  detail: string | null;
  source_key: string;
  line: number;
  text: string;
}

/** The quarantine view: counts by reason per stage and the records for one reason, with the read token. */
function setUpQuarantine(): void {
  const reason = $<HTMLSelectElement>('quarantine-reason');
  const load = async () => {
    const token = $<HTMLInputElement>('read-token').value.trim();
    const query = new URLSearchParams({ limit: '50' });
    if (reason.value) query.set('reason', reason.value);
    const response = await fetch(`api/quarantine?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const body = (await response.json()) as {
      error?: string;
      counts: { production: Record<string, number>; offline: Record<string, number> };
      total: number;
      rows: QuarantineRow[];
    };
    if (!response.ok) {
      $('quarantine-count').textContent = body.error ?? `api/quarantine answered ${response.status}`;
      return;
    }
    const [reasons, counts] = sortedCounts(body.counts.production);
    categoryBars($('chart-quarantine-production'), reasons, counts, '#dc2626');
    const [offlineReasons, offlineCounts] = sortedCounts(body.counts.offline);
    categoryBars($('chart-quarantine-offline'), offlineReasons, offlineCounts, '#ea580c');
    const chosen = reason.value;
    reason.replaceChildren(option('', 'all'), ...reasons.map((r) => option(r)));
    reason.value = chosen;
    $('quarantine-count').textContent =
      `${Math.min(50, body.total)} of ${body.total.toLocaleString('en')} quarantined records`;
    tableRows(
      $('quarantine-rows').querySelector('tbody')!,
      body.rows.map((r) => [r.reason, r.detail ?? '', r.text, `${r.source_key.split('/').pop()}:${r.line}`]),
    );
  };
  $('load-quarantine').onclick = () => void load();
  reason.onchange = () => void load();
}

/** How often the page asks for a newer summary; `?refresh=SECONDS` changes it. */
const REFRESH_SECONDS = Number(new URLSearchParams(location.search).get('refresh')) || 30;

function ago(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

let shown: { etag: string | null; summary: Summary } | undefined;

/** Resolves once the browser has had a frame to paint what is drawn so far. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Fetches the summary (with its ETag, so an unchanged one costs a 304) and redraws when it changed. */
async function refresh(): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (shown?.etag) headers['if-none-match'] = shown.etag;
  const response = await fetch('api/summary', { headers, cache: 'no-store' });
  if (response.status === 304) return;
  if (response.status === 404) {
    $('generated').textContent = 'no data yet';
    $('empty').hidden = false;
    for (const id of SECTIONS) $(id).hidden = true;
    document.body.dataset.ready = 'true';
    return;
  }
  if (!response.ok) throw new Error(`api/summary answered ${response.status}`);
  const summary = (await response.json()) as Summary;
  if (summary.schema_version !== SCHEMA_VERSION)
    throw new Error(`summary schema ${summary.schema_version}; this page reads ${SCHEMA_VERSION}`);
  const first = !shown?.summary.offline;
  shown = { etag: response.headers.get('etag'), summary };
  $('empty').hidden = true;
  for (const id of SECTIONS) $(id).hidden = false;
  renderOffline(summary);
  // The first charts are painted before the other panels are drawn.
  await nextFrame();
  // The explorer keeps its page and query across refreshes; it is set up once there is a split.
  if (first) {
    renderExplorer(summary);
    setUpQuarantine();
  }
  renderProduction(summary);
  renderVersions(summary);
  renderStages(summary);
  document.body.dataset.generatedAt = summary.generated_at;
  document.body.dataset.ready = 'true';
}

function showAge(): void {
  if (shown)
    $('generated').textContent =
      `summary of ${new Date(shown.summary.generated_at).toLocaleString('en')} — updated ${ago(shown.summary.generated_at)}`;
}

refresh()
  .then(showAge)
  .catch((err: Error) => {
    $('generated').textContent = `could not load the summary: ${err.message}`;
  });
setInterval(
  () =>
    void refresh()
      .then(showAge)
      .catch(() => undefined), // a missed refresh is retried at the next tick
  REFRESH_SECONDS * 1000,
);
setInterval(showAge, 1000);
