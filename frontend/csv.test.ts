import { describe, expect, it } from 'vitest';
import { csvLine } from './csv';

describe('the explorer CSV download', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvLine(['training', 'say "hi", twice'])).toBe('"training","say ""hi"", twice"');
  });

  it('opens formula-looking text as text in a spreadsheet', () => {
    expect(csvLine(['=HYPERLINK("http://x","click")', '+1 555', '-2', '@SUM(A1)', '\tx', 'a=b'])).toBe(
      `"'=HYPERLINK(""http://x"",""click"")","'+1 555","'-2","'@SUM(A1)","'\tx","a=b"`,
    );
  });
});
