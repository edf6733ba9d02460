import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { MedQuadRow } from '../records/medquad';
import { firstSignificantByte } from './jsonl';
import type { RecordReader, SourceRecord } from './types';

/** One MedQuAD document is a few kB; a file far larger is not one. */
export const MAX_XML_BYTES = 32 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false, // ids such as 0000001 stay strings
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true, // the five XML entities (&apos; …); DOCTYPE is refused before parsing
  isArray: (name) => ['QAPair', 'pair', 'Synonym'].includes(name),
});

/** The folders of the original release, for files whose root element carries no source. */
const SOURCE_BY_FOLDER: Record<string, string> = {
  '1_CancerGov_QA': 'CancerGov',
  '2_GARD_QA': 'GARD',
  '3_GHR_QA': 'GHR',
  '4_MPlus_Health_Topics_QA': 'MPlusHealthTopics',
  '5_NIDDK_QA': 'NIDDK',
  '6_NINDS_QA': 'NINDS',
  '7_SeniorHealth_QA': 'NIHSeniorHealth',
  '8_NHLBI_QA_XML': 'NHLBI',
  '9_CDC_QA': 'CDC',
  '10_MPlus_ADAM_QA': 'ADAM',
  '11_MPlusDrugs_QA': 'MPlusDrugs',
  '12_MPlusHerbsSupplements_QA': 'MPlusHerbsSupplements',
};

/** The source a file's folder names: `…/6_NINDS_QA/0000007.xml` → `NINDS`. */
export function sourceFromPath(path: string): string | undefined {
  const folder = path.split('/').slice(-2, -1)[0];
  if (!folder) return undefined;
  return SOURCE_BY_FOLDER[folder] ?? folder.replace(/^\d+_/, '').replace(/_QA(_XML)?$/, '');
}

/**
 * Parses one MedQuAD XML document into rows of the lavita/MedQuAD layout. Handles the three
 * layouts of the release: `<Document>`, the older NINDS `<doc>` and the CDC `<DiseaseFile>`.
 * Throws with a reason for anything else; never resolves DOCTYPE or entity declarations.
 */
export function parseMedQuadXml(text: string, path: string): MedQuadRow[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new Error('the XML declares a DOCTYPE or entities, which are refused (entity expansion, external entities)');
  // The parser is lenient (unclosed tags parse); a truncated document must not yield rows.
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  // biome-ignore lint/suspicious/noExplicitAny: an XML tree of any shape; the fields read are checked below
  const tree = parser.parse(text) as Record<string, any>;
  const fallbackSource = sourceFromPath(path) ?? null;

  if (tree.Document || tree.DiseaseFile) {
    const doc = tree.Document ?? tree.DiseaseFile;
    const annotations = doc.FocusAnnotations ?? {};
    const umls = annotations.UMLS ?? doc.UMLS ?? {};
    const common = {
      document_id: attr(doc, 'id') ?? attr(doc, 'fid'),
      document_source: attr(doc, 'source') ?? fallbackSource,
      document_url: attr(doc, 'url'),
      category: textOf(annotations.Category),
      umls_cui: joined(umls.CUIs?.CUI ?? umls.CUI),
      umls_semantic_types: joined(umls.SemanticTypes?.SemanticType ?? umls.SemanticType),
      umls_semantic_group: textOf(umls.SemanticGroup),
      synonyms: joined(annotations.Synonyms?.Synonym),
      question_focus: textOf(doc.Focus),
    };
    return asList(doc.QAPairs?.QAPair).map((pair) => ({
      ...common,
      question_id: attr(pair.Question, 'qid'),
      question_type: attr(pair.Question, 'qtype'),
      question: textOf(pair.Question),
      answer: textOf(pair.Answer),
    }));
  }
  if (tree.doc) {
    const doc = tree.doc;
    const common = {
      document_id: attr(doc, 'docid'),
      document_source: attr(doc, 'corpus') ?? fallbackSource,
      document_url: attr(doc, 'url'),
      category: null,
      umls_cui: joined(doc.umls?.cui),
      umls_semantic_types: joined(doc.umls?.semanticType),
      umls_semantic_group: textOf(doc.umls?.semanticGroup),
      synonyms: null,
      question_focus: textOf(doc['doctitle-focus']),
    };
    return asList(doc.qaPairs?.pair).map((pair) => ({
      ...common,
      question_id: attr(pair.question, 'qid'),
      question_type: attr(pair.question, 'qtype'),
      question: textOf(pair.question),
      answer: textOf(pair.answer),
    }));
  }
  const root = Object.keys(tree).find((name) => name !== '?xml');
  throw new Error(
    `not a MedQuAD document: root element <${root ?? 'none'}> (expected <Document>, <doc> or <DiseaseFile>)`,
  );
}

/** A single XML file of the release. */
export const medquadXmlReader: RecordReader = {
  format: 'medquad-xml',
  extensions: ['.xml'],
  sniff: (head) => firstSignificantByte(head) === '<',
  async *read(input): AsyncGenerator<SourceRecord> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of await input.open()) {
      size += (chunk as Buffer).length;
      if (size > MAX_XML_BYTES) throw new Error(`XML file over the ${MAX_XML_BYTES}-byte limit for one document`);
      chunks.push(chunk as Buffer);
    }
    const rows = parseMedQuadXml(Buffer.concat(chunks).toString('utf8'), input.key);
    for (const [i, row] of rows.entries()) yield { position: i + 1, value: row };
  },
};

function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value];
}

/** Element text, whether the element has attributes (`{'#text': …}`) or not. */
function textOf(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'object' && '#text' in (node as object))
    return String((node as Record<string, unknown>)['#text']).trim() || null;
  return null;
}

function attr(node: unknown, name: string): string | null {
  if (typeof node !== 'object' || node === null) return null;
  const value = (node as Record<string, unknown>)[`@${name}`];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function joined(values: unknown): string | null {
  const texts = asList(values as unknown[])
    .map(textOf)
    .filter((v): v is string => Boolean(v));
  return texts.length ? texts.join('|') : null;
}
