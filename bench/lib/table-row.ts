/** One line of a benchmark table: the run's name, wall time, records/s, MB/s, peak RSS and any remarks. */
export function tableRow(
  name: string,
  records: number,
  mb: number,
  run: { wall_s: number; rss_mb: number },
  ...more: string[]
): string {
  return [
    name,
    run.wall_s.toFixed(2),
    Math.round(records / run.wall_s),
    (mb / run.wall_s).toFixed(1),
    run.rss_mb.toFixed(0),
    ...more,
  ].join('\t');
}
