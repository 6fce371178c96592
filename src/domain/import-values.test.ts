import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type { DateFormat } from '../contract/model.ts';
import { fingerprintRow, normaliseIdentifier, parseValue } from './import-values.ts';

const defaults = { numberFormat: '1,234.5' } as const;

describe('parseValue text', () => {
  it('trims and keeps leading zeros', () => {
    expect(parseValue('  007 ', 'text', defaults)).toEqual({ ok: true, value: '007' });
    expect(parseValue('0612 345 678', 'text', defaults)).toEqual({ ok: true, value: '0612 345 678' });
  });

  it('reads an empty cell as no value for every type', () => {
    for (const type of ['text', 'number', 'date', 'boolean'] as const) {
      expect(parseValue('   ', type, defaults)).toEqual({ ok: true, value: null });
      expect(parseValue('', type, defaults)).toEqual({ ok: true, value: null });
    }
  });
});

describe('parseValue number', () => {
  it('accepts the default format with correct thousands groups', () => {
    const cases: [string, number][] = [
      ['1,234.5', 1234.5],
      ['1234.5', 1234.5],
      ['-12', -12],
      ['+3', 3],
      ['1,234,567', 1234567],
      ['.5', 0.5],
      ['0', 0],
      ['-0', 0],
      [' 42 ', 42],
    ];
    for (const [raw, value] of cases) {
      expect(parseValue(raw, 'number', defaults), raw).toEqual({ ok: true, value });
    }
  });

  it('rejects anything else in the default format', () => {
    for (const raw of ['1,23', '12,3456', '1.234,5', 'forty', '1e3', '1.', '-', '1 234', '$5', '1,,234', 'NaN', 'Infinity']) {
      expect(parseValue(raw, 'number', defaults), raw).toEqual({ ok: false, expected: 'a number like 1,234.5' });
    }
  });

  it('accepts the 1.234,5 format', () => {
    const format = { numberFormat: '1.234,5' } as const;
    expect(parseValue('1.234,5', 'number', format)).toEqual({ ok: true, value: 1234.5 });
    expect(parseValue('1234,5', 'number', format)).toEqual({ ok: true, value: 1234.5 });
    expect(parseValue('1.234', 'number', format)).toEqual({ ok: true, value: 1234 });
    expect(parseValue('1.5', 'number', format)).toEqual({ ok: false, expected: 'a number like 1.234,5' });
    expect(parseValue('1,234.5', 'number', format)).toEqual({ ok: false, expected: 'a number like 1.234,5' });
  });
});

describe('parseValue date', () => {
  it('reads ISO dates by default', () => {
    expect(parseValue('2024-02-29', 'date', defaults)).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseValue('2023-02-29', 'date', defaults)).toEqual({
      ok: false,
      expected: 'a date in YYYY-MM-DD format, like 2024-03-31',
    });
    expect(parseValue('2024-3-31', 'date', defaults).ok).toBe(false);
    expect(parseValue('31/03/2024', 'date', defaults).ok).toBe(false);
  });

  it('reads each declared format without guessing', () => {
    const cases: [DateFormat, string, string][] = [
      ['DD/MM/YYYY', '03/01/2024', '2024-01-03'],
      ['MM/DD/YYYY', '03/01/2024', '2024-03-01'],
      ['MM/DD/YYYY', '3/1/2024', '2024-03-01'],
      ['DD.MM.YYYY', '31.12.1999', '1999-12-31'],
      ['DD-MM-YYYY', '01-02-2003', '2003-02-01'],
    ];
    for (const [dateFormat, raw, value] of cases) {
      expect(parseValue(raw, 'date', { ...defaults, dateFormat }), `${dateFormat} ${raw}`).toEqual({ ok: true, value });
    }
  });

  it('rejects dates that do not exist', () => {
    const format = { ...defaults, dateFormat: 'DD/MM/YYYY' } as const;
    for (const raw of ['31/02/2024', '00/01/2024', '01/13/2024', '2024-01-31', '1/1/24']) {
      expect(parseValue(raw, 'date', format), raw).toEqual({ ok: false, expected: 'a date in DD/MM/YYYY format, like 31/03/2024' });
    }
    expect(parseValue('13/31/2024', 'date', { ...defaults, dateFormat: 'MM/DD/YYYY' }).ok).toBe(false);
  });

  it('agrees with Temporal on every day', () => {
    const pad = (value: number, length: number) => String(value).padStart(length, '0');
    for (const year of [0, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9996, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const raw = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          let expected: string | null;
          try {
            expected = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' }).toString();
          } catch {
            expected = null;
          }
          const parsed = parseValue(raw, 'date', defaults);
          expect(parsed.ok ? parsed.value : null, raw).toBe(expected);
        }
      }
    }
  });
});

describe('parseValue boolean', () => {
  it('accepts the listed words in any letter case', () => {
    for (const raw of ['true', 'TRUE', 'Yes', 'y', '1', 'On']) {
      expect(parseValue(raw, 'boolean', defaults), raw).toEqual({ ok: true, value: true });
    }
    for (const raw of ['false', 'No', 'N', '0', 'OFF']) {
      expect(parseValue(raw, 'boolean', defaults), raw).toEqual({ ok: true, value: false });
    }
  });

  it('rejects other words', () => {
    for (const raw of ['ja', 't', '2', 'yes please']) {
      expect(parseValue(raw, 'boolean', defaults)).toEqual({ ok: false, expected: 'true/false, yes/no, y/n, 1/0 or on/off' });
    }
  });
});

describe('normaliseIdentifier', () => {
  it('trims and lower-cases', () => {
    expect(normaliseIdentifier('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(normaliseIdentifier('ÉMILE@x.fr')).toBe('émile@x.fr');
  });

  it('maps capital I to i whatever the locale', () => {
    expect(normaliseIdentifier('IRMAK@x.tr')).toBe('irmak@x.tr');
  });
});

describe('fingerprintRow', () => {
  it('returns 16 hex digits and is stable', () => {
    const fingerprint = fingerprintRow(['ada@x.org', 'Ada', '36']);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintRow(['ada@x.org', 'Ada', '36'])).toBe(fingerprint);
  });

  it('tells apart rows that join to the same text', () => {
    const rows = [['a,b'], ['a', 'b'], ['ab'], ['a', 'b', ''], ['', 'a', 'b'], ['a\u0000', 'b'], ['a ', 'b'], []];
    const fingerprints = new Set(rows.map((row) => fingerprintRow(row)));
    expect(fingerprints.size).toBe(rows.length);
  });

  it('has no collisions among many distinct rows', () => {
    const rows = fc.sample(fc.uniqueArray(fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }), {
      minLength: 5000,
      maxLength: 5000,
      selector: (row) => JSON.stringify(row),
    }), 1)[0];
    expect(new Set(rows.map((row) => fingerprintRow(row))).size).toBe(rows.length);
  });
});
