import 'uplot/dist/uPlot.min.css';
import './styles.css';
import type { Summary } from '../shared/bucket/dashboard-summary';
import { barChart, emptyChart, lineChart } from './charts';
import { csvLine } from './csv';

const SCHEMA_VERSION = 1;
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
  barChart(
    $('chart-splits'),
    splits,
    splits.map((s) => offline.split_counts[s]!),
    'records',
  );
  const [reasons, dropped] = sortedCounts(offline.dropped);
  barChart($('chart-offline-dropped'), reasons, dropped, 'dropped', '#dc2626');
  $('offline-dropped-note').textContent = missingAnswerNote(offline.dropped.missing_answer ?? 0);

  const select = $<HTMLSelectElement>('type-split');
  select.replaceChildren(...splits.map((s) => option(s)));
  const drawTypes = () =>
    barChart(
      $('chart-types'),
      offline.question_types.types,
      offline.question_types.series[select.value] ?? [],
      select.value,
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

type SampleRow = NonNullable<Summary['offline']>['sample'][number];

function renderExplorer(summary: Summary): void {
  const rows: SampleRow[] = [...(summary.offline?.sample ?? [])];
  const typeSelect = $<HTMLSelectElement>('filter-type');
  const fillTypes = () =>
    typeSelect.replaceChildren(
      option('', 'all'),
      ...[...new Set(rows.map((r) => r.question_type))].sort().map((t) => option(t)),
    );
  fillTypes();
  const search = $<HTMLInputElement>('search');
  const body = $('rows').querySelector('tbody')!;
  let visible = rows;
  const draw = () => {
    const needle = search.value.trim().toLowerCase();
    visible = rows.filter(
      (r) =>
        (!typeSelect.value || r.question_type === typeSelect.value) &&
        (!needle || `${r.question} ${r.answer}`.toLowerCase().includes(needle)),
    );
    body.replaceChildren(
      ...visible.map((r) => {
        const tr = document.createElement('tr');
        for (const value of [r.split, r.question_type, r.question, r.answer]) {
          const td = document.createElement('td');
          td.textContent = value;
          tr.append(td);
        }
        return tr;
      }),
    );
    $('match-count').textContent = rows.length
      ? `${visible.length} of ${rows.length} sample rows`
      : 'no sample rows yet';
  };
  typeSelect.onchange = draw;
  search.oninput = draw;
  // Production rows are PII-reduced, not de-identified: the server gives them only to a token holder.
  $('load-production').onclick = async () => {
    const token = $<HTMLInputElement>('read-token').value.trim();
    const response = await fetch('api/production-sample', { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) {
      $('match-count').textContent =
        response.status === 404
          ? 'production rows are not enabled here (no read token configured)'
          : 'the read token was refused';
      return;
    }
    const { rows: production } = (await response.json()) as { rows: SampleRow[] };
    rows.push(...production.filter((r) => !rows.includes(r)));
    fillTypes();
    draw();
  };
  $('download').onclick = () => {
    const csv = [
      'split,question_type,question,answer',
      ...visible.map((r) => csvLine([r.split, r.question_type, r.question, r.answer])),
    ].join('\r\n');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'medqa-sample.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  draw();
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
  if (p.volume[0].length)
    lineChart($('chart-volume'), p.volume[0], [{ label: 'records kept', values: p.volume[1] }], { time: true });
  else emptyChart($('chart-volume'), 'no production logs yet: they arrive in data/production/retraining_data_raw/');
  const [reasons, dropped] = sortedCounts(p.dropped);
  barChart($('chart-production-dropped'), reasons, dropped, 'dropped', '#dc2626');
  const [types, redactions] = sortedCounts(p.redactions);
  barChart($('chart-redactions'), types, redactions, 'redactions', '#9333ea');
  const [unsafeTypes, keptOut] = sortedCounts(p.unsafe_question_types ?? {});
  barChart($('chart-unsafe-types'), unsafeTypes, keptOut, 'kept out', '#ea580c');
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

function renderVersions(summary: Summary): void {
  const select = $<HTMLSelectElement>('version-select');
  if (summary.versions.length === 0) {
    select.replaceChildren(option('', 'none yet'));
    $('version-facts').textContent =
      'No retraining version yet: retrain-batch makes one nightly from staged production records.';
    emptyChart($('chart-version-types'), 'no version yet');
    emptyChart($('chart-version-dropped'), 'no version yet');
    return;
  }
  select.replaceChildren(...summary.versions.map((v) => option(v.version)));
  const draw = () => {
    const v = summary.versions.find((x) => x.version === select.value)!;
    facts($('version-facts'), [
      ['records', v.record_count],
      ['built', new Date(v.timestamp).toLocaleString('en')],
    ]);
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
    barChart($('chart-version-types'), types, counts, v.version, '#16a34a');
    const [reasons, dropped] = sortedCounts(v.dropped);
    barChart($('chart-version-dropped'), reasons, dropped, 'dropped', '#dc2626');
  };
  select.onchange = draw;
  draw();
}

function renderStages(summary: Summary): void {
  const body = $('stage-table').querySelector('tbody')!;
  if (summary.stages.length === 0) {
    body.innerHTML = '<tr><td colspan="5" class="muted">no stage has run yet</td></tr>';
    return;
  }
  body.replaceChildren(
    ...summary.stages.map((s) => {
      const tr = document.createElement('tr');
      for (const value of [
        s.action,
        new Date(s.at).toLocaleString('en'),
        s.status,
        s.duration_ms === null ? '–' : `${s.duration_ms} ms`,
        s.detail ?? '',
      ]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.append(td);
      }
      return tr;
    }),
  );
}

async function main(): Promise<void> {
  const response = await fetch('api/summary', { headers: { accept: 'application/json' } });
  if (response.status === 404) {
    $('generated').textContent = 'no data yet';
    $('empty').hidden = false;
    for (const id of ['offline', 'explorer', 'production', 'versions', 'stages']) $(id).hidden = true;
    return;
  }
  if (!response.ok) throw new Error(`api/summary answered ${response.status}`);
  const summary = (await response.json()) as Summary;
  if (summary.schema_version !== SCHEMA_VERSION)
    throw new Error(`summary schema ${summary.schema_version}; this page reads ${SCHEMA_VERSION}`);
  $('generated').textContent = `summary of ${new Date(summary.generated_at).toLocaleString('en')}`;
  renderOffline(summary);
  renderExplorer(summary);
  renderProduction(summary);
  renderVersions(summary);
  renderStages(summary);
  document.body.dataset.ready = 'true';
}

main().catch((err: Error) => {
  $('generated').textContent = `could not load the summary: ${err.message}`;
});
