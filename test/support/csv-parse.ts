/**
 * Strict RFC 4180 reader for export tests: CRLF record ends only, quotes only around whole fields,
 * "" inside quotes. Anything else throws, so a sloppy writer cannot pass by accident.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  if (text.length === 0) return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += c;
          i++;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i];
        i++;
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(record);
      record = [];
      i += 2;
      if (i >= text.length) return records;
      continue;
    }
    if (i >= text.length) throw new Error('last record has no CRLF');
    throw new Error(`bare CR or LF (or junk after a quoted field) at ${i}: ${JSON.stringify(text.slice(i, i + 20))}`);
  }
}

/** Records as objects keyed by the header row (duplicate header names get a #2, #3 suffix). */
export function csvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rest] = parseCsv(text);
  if (!header) throw new Error('no header row');
  const seen = new Map<string, number>();
  const keys = header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h}#${n}`;
  });
  const rows = rest.map((r) => {
    if (r.length !== keys.length) throw new Error(`record has ${r.length} fields, header ${keys.length}`);
    return Object.fromEntries(keys.map((k, j) => [k, r[j] ?? '']));
  });
  return { header, rows };
}
