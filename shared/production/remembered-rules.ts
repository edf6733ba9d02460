import { type RedactionCounts, redact } from '../pii/redact';
import { classifyQuestion, type QuestionTyping } from '../question-type/infer';
import { FingerprintMemo } from '../records/fingerprint-memo';
import { fingerprintHalves } from '../records/normalize';

/**
 * Redaction and question typing for the texts of a log, remembering by fingerprint what was
 * decided about recent ones (FingerprintMemo): popular questions and the answerer's answers
 * come back line after line. Only texts in which redaction found nothing are remembered (the
 * others would need their reduced text kept). Two texts sharing a fingerprint (about one in
 * 10^14 per lookup) would let the second be decided as the first was: far below what the
 * rules themselves miss. Each thread keeps its own memory of about 6 MB.
 */

/** Below this length a text costs less to check than to look up. */
const MIN_REMEMBERED_CHARS = 24;
const NOTHING_FOUND = 1;
const cleanTexts = new FingerprintMemo();

/** The text PII-reduced, its identifiers counted into `counts` by type. */
export function reduceText(text: string, counts: RedactionCounts): string {
  if (text.length < MIN_REMEMBERED_CHARS) return redact(text, counts).text;
  if (cleanTexts.get(text) === NOTHING_FOUND) return text;
  const reduced = redact(text, counts).text;
  if (reduced === text) cleanTexts.set(text, NOTHING_FOUND);
  return reduced;
}

/**
 * The answer PII-reduced, its identifiers counted into `counts`. What is remembered is the pair:
 * `pair` gets the fingerprint of (question, answer) as they are given, which is the record's
 * own fingerprint whenever redaction changed neither, so the caller need not make it again.
 * It shares reduceText's memory: a pair's fingerprint can match a text's only as any two fingerprints can.
 */
export function reduceAnswer(question: string, answer: string, counts: RedactionCounts, pair: Uint32Array): string {
  fingerprintHalves([question, answer], pair);
  if (answer.length < MIN_REMEMBERED_CHARS) return redact(answer, counts).text;
  if (cleanTexts.getByFingerprint(pair[0]!, pair[1]!) === NOTHING_FOUND) return answer;
  const reduced = redact(answer, counts).text;
  if (reduced === answer) cleanTexts.setByFingerprint(pair[0]!, pair[1]!, NOTHING_FOUND);
  return reduced;
}

/** Clean questions, each with the number of its typing in `typings`. */
const cleanQuestions = new FingerprintMemo();
/** The distinct typings seen, numbered from 1 (a rule's type and reason: a few dozen in all). */
const typings: QuestionTyping[] = [];
const typingNumbers = new Map<string, number>();

/**
 * The question PII-reduced (identifiers counted into `counts`) and typed as classifyQuestion types the reduced text.
 */
export function reduceAndTypeQuestion(
  question: string,
  counts: RedactionCounts,
): { text: string; typing: QuestionTyping } {
  const remembered = question.length >= MIN_REMEMBERED_CHARS;
  const known = remembered ? cleanQuestions.get(question) : 0;
  if (known !== 0) return { text: question, typing: typings[known - 1]! };
  const text = redact(question, counts).text;
  const typing = classifyQuestion(text);
  const number = text === question && remembered ? typingNumber(typing) : undefined;
  if (number !== undefined) cleanQuestions.set(question, number);
  return { text, typing };
}

function typingNumber(typing: QuestionTyping): number | undefined {
  const key = `${typing.type}\n${typing.why}`;
  let number = typingNumbers.get(key);
  if (number === undefined && typings.length < 0xffff) {
    number = typings.push(typing);
    typingNumbers.set(key, number);
  }
  return number;
}
