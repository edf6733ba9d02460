/** A pattern's top-level alternatives, cut at the "|" at `bars` (see RulePrefilter.cuts in rule-text.ts). */
export function branchSources(source: string, bars: readonly number[]): string[] {
  return [...bars, source.length].map((end, i) => source.slice(i === 0 ? 0 : bars[i - 1]! + 1, end));
}
