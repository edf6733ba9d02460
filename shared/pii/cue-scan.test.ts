import { describe, expect, it } from 'vitest';
import { type CueFamily, hasCue } from './cue-scan';
import { buildCueTrie } from './cue-trie-source';
import { NAME_CUE_SCAN } from './name-cue-scan';
import { buildNameCueScan } from './name-cue-words';

const cuesOf = (text: string) =>
  (['street', 'id', 'mrn', 'postcode', 'phone', 'month'] as CueFamily[]).filter((family) =>
    hasCue({ digits: 0, lower: text.toLowerCase() }, family),
  );

describe('cue scan', () => {
  it.each([
    ['my insurance member number', ['id', 'phone']],
    ['reinsurance', []],
    ['lives on Hauptstraße', []],
    ['Hauptstraße 5', ['street']],
    ['Andrássy út 60', ['street']],
    ['mi número es', ['phone']],
    ['MRN: 00451234', ['mrn']],
    ['zip 02139', ['postcode']],
    ['seen 12jan2024', ['month']],
    ['in November', ['month']],
    ['maybe sepsis', []],
    ['h.no 12', ['street']],
  ])('finds the families in %j', (text, families) => {
    expect(cuesOf(text)).toEqual(families);
  });

  it('carries its trie as data a bundle can hold: one parent per node, three marks each', () => {
    const trie = buildCueTrie();
    expect(JSON.parse(JSON.stringify(trie))).toEqual(trie);
    const nodes = trie.ends.length / 3;
    const separators = trie.children.split('').filter((c) => c === '|').length;
    expect(separators).toBe(nodes - 1);
    expect(trie.children.length - separators).toBe(nodes - 1);
  });
});

describe('name cue scan', () => {
  it('finds every cue word, whole', () => {
    const { pattern, bits } = buildNameCueScan();
    expect(JSON.parse(JSON.stringify(NAME_CUE_SCAN))).toEqual({ pattern, bits });
    for (const word of Object.keys(bits)) {
      expect(new RegExp(pattern).exec(`so ${word}, then`)?.[0], word).toBeDefined();
      expect(new RegExp(pattern).test(`x${word}x`.replace(/\s/g, 'x')), word).toBe(false);
    }
  });
});
