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
 * rules themselves miss. Each thread keeps its own memory of about 6 MB; threads that stage
 * one file together pass each other what they learn (takeLearned, learn).
 */

/** Below this length a text costs less to check than to look up. */
const MIN_REMEMBERED_CHARS = 24;
const NOTHING_FOUND = 1;
const cleanTexts = new FingerprintMemo();
const key = new Uint32Array(2);

/** The text PII-reduced, its identifiers counted into `counts` by type. */
export function reduceText(text: string, counts: RedactionCounts): string {
  if (text.length < MIN_REMEMBERED_CHARS) return redact(text, counts).text;
  fingerprintHalves([text], key);
  return reduceRemembered(text, key, counts);
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
  return reduceRemembered(answer, pair, counts);
}

function reduceRemembered(text: string, fingerprint: Uint32Array, counts: RedactionCounts): string {
  const high = fingerprint[0]!;
  const low = fingerprint[1]!;
  if (cleanTexts.get(high, low) === NOTHING_FOUND) return text;
  const reduced = redact(text, counts).text;
  if (reduced === text) {
    cleanTexts.set(high, low, NOTHING_FOUND);
    if (journal && journal.clean.length < MAX_JOURNAL) journal.clean.push(high, low);
  }
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
  if (remembered) fingerprintHalves([question], key);
  const known = remembered ? cleanQuestions.get(key[0]!, key[1]!) : 0;
  if (known !== 0) return { text: question, typing: typings[known - 1]! };
  const text = redact(question, counts).text;
  const typing = classifyQuestion(text);
  const number = text === question && remembered ? typingNumber(typing) : undefined;
  if (number !== undefined) {
    cleanQuestions.set(key[0]!, key[1]!, number);
    if (journal && journal.questions.length < MAX_JOURNAL) journal.questions.push(key[0]!, key[1]!, number);
  }
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

/**
 * What a thread remembered since it was last asked, for the other threads staging the same
 * file: a batch goes to whichever thread is free, so a question asked twice often lands on two
 * threads, and each would work it out again.
 */
export interface LearnedTexts {
  /** Fingerprints of clean texts and pairs, two numbers apiece. */
  clean: Uint32Array;
  /** Fingerprints of clean questions with their typing's place in `typings`, three numbers apiece. */
  questions: Uint32Array;
  typings: QuestionTyping[];
}

/**
 * Entries noted for takeLearned while another thread stages with this one. Bounded: past
 * MAX_JOURNAL numbers, what is learned is only not shared.
 */
let journal: { clean: number[]; questions: number[] } | undefined;
const MAX_JOURNAL = 3 * 65_536;

/** Starts (or stops) noting what is learned for takeLearned: while this thread stages with another. */
export function noteWhatIsLearned(on: boolean): void {
  journal = on ? (journal ?? { clean: [], questions: [] }) : undefined;
}

/** What was learned since the last call, or undefined when nothing was (or nothing is noted). */
export function takeLearned(): LearnedTexts | undefined {
  if (!journal || (journal.clean.length === 0 && journal.questions.length === 0)) return undefined;
  const questions = Uint32Array.from(journal.questions);
  // The sender's typing numbers become places in a list of its own: numbers differ between threads.
  const used = new Map<number, number>();
  const sent: QuestionTyping[] = [];
  for (let i = 2; i < questions.length; i += 3) {
    let place = used.get(questions[i]!);
    if (place === undefined) {
      place = sent.push(typings[questions[i]! - 1]!) - 1;
      used.set(questions[i]!, place);
    }
    questions[i] = place;
  }
  const learned = { clean: Uint32Array.from(journal.clean), questions, typings: sent };
  journal = { clean: [], questions: [] };
  return learned;
}

/** Remembers what another thread learned (not noted again for takeLearned: it came from elsewhere). */
export function learn(learned: LearnedTexts): void {
  const { clean, questions } = learned;
  for (let i = 0; i < clean.length; i += 2) cleanTexts.set(clean[i]!, clean[i + 1]!, NOTHING_FOUND);
  const numbers = learned.typings.map(typingNumber);
  for (let i = 0; i < questions.length; i += 3) {
    const number = numbers[questions[i + 2]!];
    if (number !== undefined) cleanQuestions.set(questions[i]!, questions[i + 1]!, number);
  }
}
