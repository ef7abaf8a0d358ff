import { describe, expect, it } from 'vitest';
import { detectDelimiter, escapeFormula, parseCsvText, toCsv, unescapeFormula } from './csv';

describe('detectDelimiter', () => {
  it.each([
    ['Company,Email\nAcme,a@acme.com\n', ','],
    ['Company\tEmail\nAcme, Inc.\ta@acme.com\n', '\t'],
    ['Firma;E-Mail\nAcme;a@acme.com\n', ';'],
    ['"Acme, Inc.",a@acme.com,x\n"Globex, Ltd",g@globex.com,y\n', ','],
    ['公司名称\n华信\n', ','],
  ])('%j → %j', (text, expected) => expect(detectDelimiter(text)).toBe(expected));
});

describe('parseCsvText', () => {
  it('numbers rows as the spreadsheet does, across quoted newlines and blank lines', () => {
    const table = parseCsvText('\ufeffCompany,Note\n"Acme, Inc.","line one\nline two"\n\nGlobex,"say ""hi"""\n');
    expect(table.header).toEqual(['Company', 'Note']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Acme, Inc.', 'line one\nline two'] },
      { rowNumber: 4, cells: ['Globex', 'say "hi"'] },
    ]);
  });

  // Its speed is the capture bench's CSV import row, not a clock here (a loaded machine flakes it).
  it('parses 50,000 rows, numbering the last one as the spreadsheet does', () => {
    const text = ['Company,Email', ...Array.from({ length: 50_000 }, (_, i) => `Company ${i},p${i}@c${i}.com`)].join('\n');
    const rows = parseCsvText(text).rows;
    expect(rows).toHaveLength(50_000);
    expect(rows.at(-1)).toEqual({ rowNumber: 50_001, cells: ['Company 49999', 'p49999@c49999.com'] });
  });
});

describe('toCsv', () => {
  it('writes a BOM, CRLF, quotes where needed and defuses formulas', () => {
    expect(toCsv(['Name', 'Note'], [['Acme, Inc.', '=HYPERLINK("x")'], ['华信', null]])).toBe(
      '\ufeffName,Note\r\n"Acme, Inc.","\'=HYPERLINK(""x"")"\r\n华信,\r\n',
    );
  });

  it('round-trips through the parser, formula guard included', () => {
    const text = toCsv(['Phone'], [['+86 10 6288 8888'], ['@handle']]);
    const table = parseCsvText(text);
    expect(table.rows.map((row) => unescapeFormula(row.cells[0]!))).toEqual(['+86 10 6288 8888', '@handle']);
    expect(escapeFormula('plain')).toBe('plain');
  });
});
