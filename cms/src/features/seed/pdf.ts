/**
 * A minimal, valid one-page PDF (PDF 1.4) with a headline and lines of text, for the demo documentation files.
 * Helvetica is one of the 14 standard fonts every reader has, so nothing is embedded; WinAnsiEncoding carries
 * German letters (ä, ö, ü, ß, –) in single bytes. Written by hand so that the seed needs no library and no network.
 */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '–': 0x96,
  '—': 0x97,
  '„': 0x84,
  '“': 0x93,
  '”': 0x94,
  '€': 0x80,
};

/** A PDF string literal: WinAnsi bytes, with the three special characters escaped. */
function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = WIN_ANSI_EXTRA[char] ?? char.charCodeAt(0);
    if (code > 0xff) {
      out += '?';
      continue;
    }
    const byte = String.fromCharCode(code);
    out += byte === '(' || byte === ')' || byte === '\\' ? `\\${byte}` : byte;
  }
  return `${out})`;
}

/** Wraps a line at about `width` characters (Helvetica 11 pt on A4 with 2.5 cm margins). */
function wrap(line: string, width = 88): string[] {
  const words = line.split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && `${current} ${word}`.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

export function pdfDocument(title: string, heading: string, lines: string[]): Buffer {
  const text = [
    'BT',
    '/F2 16 Tf',
    '71 770 Td',
    `${pdfString(heading)} Tj`,
    '/F1 11 Tf',
    '0 -30 Td',
    '15 TL',
    ...lines.flatMap((line) => [...wrap(line).map((part) => `${pdfString(part)} Tj T*`), 'T*']),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
    `<< /Title ${pdfString(title)} /Producer (Stadtnetz Integration) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
