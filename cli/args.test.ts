import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

describe('parseArgs', () => {
  it('takes a value after each flag that has one, --host included', () => {
    expect(parseArgs(['start', '--host', '0.0.0.0', '--port', '9090', '--json-logs']).flags).toEqual({
      host: '0.0.0.0',
      port: '9090',
      'json-logs': true,
    });
    expect(parseArgs(['invoke', 'transform', '-p', 'key', 'a.jsonl', '-p', 'workers', '0'])).toEqual({
      positionals: ['invoke', 'transform'],
      params: { key: 'a.jsonl', workers: 0 },
      flags: {},
    });
  });

  it('refuses a short flag it does not know instead of taking it for an argument', () => {
    expect(() => parseArgs(['status', '-x'])).toThrow(/unknown flag -x/);
    expect(parseArgs(['status', '-h']).flags).toEqual({ help: true });
  });
});
