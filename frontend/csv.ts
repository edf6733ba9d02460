/**
 * One CSV cell, quoted. A value that a spreadsheet would run as a formula (it starts with =, +,
 * -, @, a tab or a carriage return) gets a leading apostrophe: a question such as
 * "=HYPERLINK(…)" from a production log must open as text, not as a link or a command.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: string[]): string {
  return values.map(csvCell).join(',');
}
