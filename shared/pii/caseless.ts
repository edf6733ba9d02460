/**
 * A cue matched in any case while the text after it keeps its own case: JavaScript has no
 * scoped case-insensitivity, so the cue's letters become [xX] classes.
 */
export function caseless(cues: string): string {
  return cues.replace(/\p{Ll}/gu, (c) => (c.toUpperCase() === c ? c : `[${c}${c.toUpperCase()}]`));
}
