import { describe, expect, it } from 'vitest';
import type { Profile } from '../contract/model.ts';
import { exportFileName, formatCsvCell, formatCsvHeader, formatCsvProfile, neutraliseFormula, numberedFileName, profileToJson, sanitiseFileNamePart } from './export-format.ts';

const profile: Profile = {
  key: 'ada@example.com',
  identifier: 'Ada@example.com',
  properties: { email: 'Ada@example.com', note: '=HYPERLINK("http://x","y")', points: -5, newsletter: true },
  consent: { email_marketing: true },
  createdAtMs: Date.UTC(2026, 2, 5, 10, 0),
  updatedAtMs: Date.UTC(2026, 2, 5, 11, 30),
  lastRunId: 1,
  lastConnectionId: 'c1',
};

describe('neutraliseFormula', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+31 20 123', "'+31 20 123"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rline', "'\rline"],
    ['\0nul', "'\0nul"],
    ['a=b', 'a=b'],
    ['', ''],
    ["'quoted", "'quoted"],
  ])('turns %j into %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe('formatCsvCell', () => {
  it('quotes a neutralised formula that contains quotes and commas', () => {
    expect(formatCsvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('quotes a carriage-return formula after prefixing it', () => {
    expect(formatCsvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('keeps negative numbers as numbers', () => {
    expect(formatCsvCell(-5)).toBe('-5');
  });

  it('writes booleans and empty values', () => {
    expect(formatCsvCell(true)).toBe('true');
    expect(formatCsvCell(false)).toBe('false');
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(undefined)).toBe('');
  });

  it('quotes line breaks', () => {
    expect(formatCsvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('CSV profile lines', () => {
  const layout = { propertyIds: ['email', 'note', 'points', 'newsletter', 'city'], consentObjectiveIds: ['email_marketing', 'sms'] };

  it('writes the header with consent columns', () => {
    expect(formatCsvHeader(layout)).toBe('identifier,email,note,points,newsletter,city,consent:email_marketing,consent:sms\r\n');
  });

  it('writes one CRLF line per profile', () => {
    expect(formatCsvProfile(profile, layout)).toBe(`Ada@example.com,Ada@example.com,"'=HYPERLINK(""http://x"",""y"")",-5,true,,true,\r\n`);
  });
});

describe('profileToJson', () => {
  it('writes ISO instants and every property', () => {
    expect(profileToJson(profile)).toEqual({
      identifier: 'Ada@example.com',
      properties: profile.properties,
      consent: { email_marketing: true },
      createdAt: '2026-03-05T10:00:00.000Z',
      updatedAt: '2026-03-05T11:30:00.000Z',
    });
  });

  it('keeps only the chosen properties, in their order', () => {
    expect(Object.keys(profileToJson(profile, ['points', 'email', 'missing']).properties)).toEqual(['points', 'email']);
  });
});

describe('export file names', () => {
  it('dates the name in the given zone', () => {
    expect(exportFileName('profiles', Date.UTC(2026, 2, 5, 10, 0), 'Europe/Amsterdam', 'csv')).toBe('profiles-2026-03-05T1100.csv');
  });

  it('sanitises a prefix built from user text', () => {
    expect(exportFileName('../Clients: Zoë/é*?', Date.UTC(2026, 2, 5, 10, 0), 'UTC', 'json')).toBe('Clients-Zoe-e-2026-03-05T1000.json');
    expect(sanitiseFileNamePart('..\\..\\secret')).toBe('secret');
  });

  it('falls back to "profiles" for an empty prefix', () => {
    expect(exportFileName('///', Date.UTC(2026, 0, 1), 'UTC', 'csv')).toBe('profiles-2026-01-01T0000.csv');
  });

  it('numbers a second file of the same minute', () => {
    expect(numberedFileName('profiles-2026-03-05T1100.csv', 2)).toBe('profiles-2026-03-05T1100-2.csv');
  });
});
