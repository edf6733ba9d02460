// Temporary: time findPii and its parts on generated production texts.
import { knownNameSpans } from '../../shared/pii/known-name-spans';
import { findPii } from '../../shared/pii/redact';
import { newExpectations, productionLogLines } from '../../test/fixtures/production-logs';

const texts: string[] = [];
for (const line of productionLogLines({ records: 40000 } as never, newExpectations())) {
  try {
    const r = JSON.parse(line.toString());
    for (const f of ['question', 'answer']) if (typeof r[f] === 'string') texts.push(r[f]);
  } catch {}
}
for (let round = 0; round < 3; round += 1) {
  let t = performance.now();
  for (const text of texts) findPii(text);
  const all = performance.now() - t;
  t = performance.now();
  for (const text of texts) knownNameSpans(text, true, text.toLowerCase());
  const known = performance.now() - t;
  console.log(
    `${texts.length} texts: findPii ${((all * 1000) / texts.length).toFixed(2)} µs, knownNameSpans ${((known * 1000) / texts.length).toFixed(2)} µs`,
  );
}
