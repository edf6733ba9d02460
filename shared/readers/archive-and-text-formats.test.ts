import { describe, expect, it } from 'vitest';
import { SMALL_EXPORT, toCsv, toMedQuadXmlFiles, toZip } from '../../test/fixtures/medquad-fixtures';
import { readAll } from '../../test/helpers/read-all';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore } from '../store';
import { UnreadableFileError } from './errors';
import { MEDQUAD_FORMATS } from './medquad-formats';
import { parseMedQuadXml, sourceFromPath } from './medquad-xml';
import { openRecordFile } from './registry';
import type { SourceRecord } from './types';

const rowsOf = (records: SourceRecord[]) =>
  records.filter((r) => 'value' in r).map((r) => (r as { value: Record<string, unknown> }).value);

describe('CSV reader', () => {
  it.each([
    ['pandas to_csv (index column, ",")', toCsv(SMALL_EXPORT)],
    ['a spreadsheet export (BOM, ";", no index)', toCsv(SMALL_EXPORT, { delimiter: ';', bom: true, index: false })],
  ])('reads %s, multi-line quoted answers included', async (_, content) => {
    const { format, records } = await readAll('export.csv', content);
    expect(format).toBe('csv');
    const rows = rowsOf(records);
    expect(rows).toHaveLength(SMALL_EXPORT.length);
    expect(rows[1]).toMatchObject({
      question: 'Who is at risk for Glimmerfold disease? ?',
      answer: 'People who  work\nnight shifts.',
      question_type: 'causes',
    });
    expect(rows[2]!.answer).toBe(''); // pandas writes NaN as an empty field
  });

  it('reports a row that does not parse with its line, and reads on', async () => {
    const csv =
      'question,answer,question_type\n"What is A?","Answer A",information\nWhat is C?,one,too,many,fields\n"What is B?","Answer B",symptoms\n';
    const { records } = await readAll('rows.csv', csv);
    expect(rowsOf(records).map((r) => r.question)).toEqual(['What is A?', 'What is B?']);
    expect(records.find((r) => 'error' in r)).toMatchObject({
      position: 3,
      error: expect.stringMatching(/CSV row does not parse/),
    });
  });

  it('needs a header row naming the question column', async () => {
    await expect(readAll('noheader.csv', 'What is A?,Answer A\n')).rejects.toThrow(
      /csv: no "question" column in the header/,
    );
  });
});

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<Document id="0000042" source="TestSource" url="https://example.org/glimmerfold">
<Focus>Glimmerfold disease</Focus>
<FocusAnnotations>
  <Category>Disease</Category>
  <UMLS><CUIs><CUI>C0000001</CUI><CUI>C0000002</CUI></CUIs><SemanticTypes><SemanticType>T047</SemanticType></SemanticTypes><SemanticGroup>Disorders</SemanticGroup></UMLS>
  <Synonyms><Synonym>Glimmerfold syndrome</Synonym><Synonym>Silver nail disease</Synonym></Synonyms>
</FocusAnnotations>
<QAPairs>
  <QAPair pid="1">
    <Question qid="0000042-1" qtype="information">What is (are) Glimmerfold disease ?</Question>
    <Answer>It doesn&apos;t hurt &amp; it &lt;rarely&gt; spreads.</Answer>
  </QAPair>
  <QAPair pid="2">
    <Question qid="0000042-2" qtype="symptoms">What are the symptoms of Glimmerfold disease ?</Question>
    <Answer></Answer>
  </QAPair>
</QAPairs>
</Document>`;

const OLD_NINDS = `<?xml version="1.0" encoding="UTF-8"?>
<doc docid="0000007" corpus="NINDS" url="https://example.org/tarrow">
<doctitle-focus>Tarrow palsy</doctitle-focus>
<umls><cui></cui><semanticType></semanticType><semanticGroup></semanticGroup></umls>
<qaPairs>
<pair pid="1"><question qid="0000007-1" qtype="information">what is tarrow palsy ?</question><answer>A made-up palsy.</answer></pair>
</qaPairs>
</doc>`;

const CDC_VARIANT = `<?xml version="1.0" encoding="UTF-8"?>
<DiseaseFile fid="0000397" source="CDC" url="https://example.org/quenby">
<Focus>Parasites - Quenby</Focus>
<UMLS><CUI></CUI><SemanticType></SemanticType><SemanticGroup></SemanticGroup></UMLS>
<QAPairs>
<QAPair pid="1"><Question qid="0000397-1" qtype="susceptibility">Who is at risk for Parasites - Quenby? ?</Question><Answer>Travellers.</Answer></QAPair>
</QAPairs>
</DiseaseFile>`;

describe('MedQuAD XML', () => {
  it('maps the <Document> layout to the lavita/MedQuAD columns', () => {
    const rows = parseMedQuadXml(DOCUMENT, '1_TestSource_QA/0000042.xml');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      document_id: '0000042',
      document_source: 'TestSource',
      document_url: 'https://example.org/glimmerfold',
      category: 'Disease',
      umls_cui: 'C0000001|C0000002',
      umls_semantic_types: 'T047',
      umls_semantic_group: 'Disorders',
      synonyms: 'Glimmerfold syndrome|Silver nail disease',
      question_focus: 'Glimmerfold disease',
      question_id: '0000042-1',
      question_type: 'information',
      question: 'What is (are) Glimmerfold disease ?',
      answer: "It doesn't hurt & it <rarely> spreads.",
    });
    expect(rows[1]!.answer).toBeNull();
  });

  it('maps the older NINDS <doc> layout and the CDC <DiseaseFile> variant', () => {
    expect(parseMedQuadXml(OLD_NINDS, '6_NINDS_QA/0000007.xml')).toEqual([
      expect.objectContaining({
        document_id: '0000007',
        document_source: 'NINDS',
        question_focus: 'Tarrow palsy',
        question_type: 'information',
        answer: 'A made-up palsy.',
        umls_cui: null,
      }),
    ]);
    expect(parseMedQuadXml(CDC_VARIANT, '9_CDC_QA/0000397.xml')).toEqual([
      expect.objectContaining({
        document_id: '0000397',
        document_source: 'CDC',
        question: 'Who is at risk for Parasites - Quenby? ?',
        answer: 'Travellers.',
      }),
    ]);
  });

  it('takes the source from the release folder when the root element has none', () => {
    const rows = parseMedQuadXml(DOCUMENT.replace(' source="TestSource"', ''), 'medquad/7_SeniorHealth_QA/0000042.xml');
    expect(rows[0]!.document_source).toBe('NIHSeniorHealth');
    expect(sourceFromPath('x/13_NewSite_QA/1.xml')).toBe('NewSite');
  });

  it('refuses DOCTYPE and entity declarations instead of expanding them', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document id="1"><QAPairs/></Document>`;
    const error = await readAll('bomb.xml', bomb).catch((err) => err);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.reason).toMatch(/DOCTYPE or entities, which are refused/);
    const external = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document id="1"><Focus>&x;</Focus></Document>`;
    await expect(readAll('external.xml', external)).rejects.toThrow(/refused/);
  });

  it('refuses XML that is not a MedQuAD document', async () => {
    await expect(readAll('feed.xml', '<?xml version="1.0"?><rss><channel/></rss>')).rejects.toThrow(
      /not a MedQuAD document: root element <rss>/,
    );
  });

  it('reads a single XML file of the release', async () => {
    const { format, records } = await readAll('0000042.xml', DOCUMENT);
    expect(format).toBe('medquad-xml');
    expect(rowsOf(records)).toHaveLength(2);
  });
});

describe('zip of the XML release', () => {
  it('streams XML entries one at a time, skips other entries, reports a broken entry and reads on', async () => {
    const zip = await toZip({
      'medquad/readme.txt': 'not XML',
      'medquad/1_TestSource_QA/': '',
      'medquad/1_TestSource_QA/0000042.xml': DOCUMENT,
      'medquad/6_NINDS_QA/0000007.xml': OLD_NINDS,
      'medquad/6_NINDS_QA/0000008.xml': '<doc><qaPairs><pair>',
      'medquad/9_CDC_QA/0000397.xml': CDC_VARIANT,
    });
    const { format, records } = await readAll('release.zip', zip);
    expect(format).toBe('medquad-xml-zip');
    expect(rowsOf(records).map((r) => r.document_id)).toEqual(['0000042', '0000042', '0000007', '0000397']);
    expect(records.map((r) => r.entry)).toContain('medquad/9_CDC_QA/0000397.xml');
    expect(records.filter((r) => 'error' in r)).toEqual([
      { position: 4, entry: 'medquad/6_NINDS_QA/0000008.xml', error: expect.any(String) },
    ]);
  });

  it('reads many entries through a few ranged reads', async () => {
    const files = toMedQuadXmlFiles(
      Array.from({ length: 600 }, (_, i) => ({ ...SMALL_EXPORT[0]!, document_id: `d${i}`, question_id: `d${i}-1` })),
    );
    const store = new FolderStore(await tempDir());
    await store.put('data/offline/raw/many.zip', await toZip(files));
    let ranges = 0;
    const counting = Object.assign(Object.create(store), {
      getRange: (key: string, start: number, end: number) => {
        ranges += 1;
        return store.getRange(key, start, end);
      },
    });
    const opened = await openRecordFile(counting, (await store.head('data/offline/raw/many.zip'))!, MEDQUAD_FORMATS);
    let count = 0;
    for await (const record of opened.records) if ('value' in record) count += 1;
    expect(count).toBe(600);
    expect(ranges).toBeLessThan(10);
  });

  it('refuses an archive whose entry expands like a zip bomb', async () => {
    const zip = await toZip({ 'medquad/1_X_QA/0000001.xml': Buffer.alloc(20 * 1024 * 1024, ' ') });
    const error = await readAll('bomb.zip', zip).catch((err) => err);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect(error.reason).toMatch(/expands \d+× \(limit 100×\): refused as a possible zip bomb/);
  });

  it('refuses a truncated archive', async () => {
    const zip = await toZip({ 'a/0000042.xml': DOCUMENT, 'a/0000007.xml': OLD_NINDS });
    await expect(readAll('cut.zip', zip.subarray(0, zip.length - 30))).rejects.toBeInstanceOf(UnreadableFileError);
  });
});
