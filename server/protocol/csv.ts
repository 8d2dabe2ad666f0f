// Which separator a CSV for a language's spreadsheets uses; shared by the server that writes the
// file and the page that says so.

/**
 * The column separator a spreadsheet program in this language splits on: where the decimal mark
 * is a comma (fi, sv, et, ru, uk…), Excel and LibreOffice expect ";" — a "," file opens there as
 * one column.
 */
export function csvSeparator(lang: string): ',' | ';' {
  const decimal = new Intl.NumberFormat(lang)
    .formatToParts(1.5)
    .find((part) => part.type === 'decimal')?.value;
  return decimal === ',' ? ';' : ',';
}
