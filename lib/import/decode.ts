/**
 * Turns the bytes of a spreadsheet export into text. Reps' files come from Excel and WPS in
 * both markets: UTF-8 with or without a BOM, GBK/GB18030 (Excel's "CSV" on a Chinese
 * Windows), UTF-16 ("Unicode text", tab-separated), and sometimes files glued together
 * from two of those. Detection is a strict UTF-8 decode; what fails it is GB18030, which
 * is a superset of GBK and GB2312.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'mixed';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** For `mixed`: the physical lines (1-based) that were not UTF-8 and were read as GB18030. */
  gb18030Lines: number[];
}

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

function decoder(label: string, fatal: boolean): TextDecoder {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    throw new ImportFileError(
      `This browser cannot read ${label} text. Save the file as "CSV UTF-8" in Excel or WPS and import it again.`,
    );
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    decoder('utf-8', true).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return true;
  return false;
}

export function decodeCsvBytes(input: Uint8Array | ArrayBuffer): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decoder('utf-8', false).decode(bytes.subarray(3)), encoding: 'utf-8-bom', gb18030Lines: [] };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decoder('utf-16le', false).decode(bytes.subarray(2)), encoding: 'utf-16le', gb18030Lines: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decoder('utf-16be', false).decode(bytes.subarray(2)), encoding: 'utf-16be', gb18030Lines: [] };
  if (isUtf8(bytes)) return { text: decoder('utf-8', false).decode(bytes), encoding: 'utf-8', gb18030Lines: [] };

  // Not UTF-8 as a whole. Line by line: a newline byte never occurs inside a GB18030 or
  // UTF-8 character, so each physical line can be judged on its own.
  const utf8 = decoder('utf-8', true);
  const gb = decoder('gb18030', false);
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  let utf8NonAscii = 0;
  const gbLines: number[] = [];
  const texts = lines.map((line, index) => {
    if (!hasNonAscii(line)) return gb.decode(line);
    try {
      const text = utf8.decode(line);
      utf8NonAscii++;
      return text;
    } catch {
      gbLines.push(index + 1);
      return gb.decode(line);
    }
  });
  if (utf8NonAscii === 0) return { text: gb.decode(bytes), encoding: 'gb18030', gb18030Lines: [] };
  return { text: texts.join(''), encoding: 'mixed', gb18030Lines: gbLines };
}
