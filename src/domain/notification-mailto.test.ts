import { describe, expect, it } from 'vitest';
import { MAX_MAILTO_BODY_CHARS, SHORTENED_NOTE, buildMailto, encodeMailtoAddress, encodeMailtoSubject, encodeMailtoText, fitMailtoBody } from './notification-mailto.ts';

describe('encodeMailtoText', () => {
  it('encodes spaces as %20, never +', () => {
    expect(encodeMailtoText('a b+c')).toBe('a%20b%2Bc');
  });

  it('encodes every line break as CR LF', () => {
    expect(encodeMailtoText('one\ntwo\r\nthree\rfour')).toBe('one%0D%0Atwo%0D%0Athree%0D%0Afour');
  });

  it('encodes commas, ampersands, question marks, hashes and equals signs', () => {
    expect(encodeMailtoText('a,b&c?d#e=f')).toBe('a%2Cb%26c%3Fd%23e%3Df');
  });

  it('encodes non-ASCII text as UTF-8', () => {
    expect(encodeMailtoText('✔ Zoë — 東京')).toBe('%E2%9C%94%20Zo%C3%AB%20%E2%80%94%20%E6%9D%B1%E4%BA%AC');
  });

  it('replaces a lone surrogate instead of throwing', () => {
    expect(encodeMailtoText('a\uD800b')).toBe('a%EF%BF%BDb');
  });
});

describe('encodeMailtoSubject', () => {
  it('replaces line breaks and control characters with one space', () => {
    expect(encodeMailtoSubject('Import\r\nBcc: other@example.com')).toBe('Import%20Bcc%3A%20other%40example.com');
    expect(encodeMailtoSubject('a\nb\u0000c\u007Fd')).toBe('a%20b%20c%20d');
  });

  it('keeps tabs and Unicode line separators, encoded', () => {
    expect(encodeMailtoSubject('a\tb\u2028c\u0085d')).toBe('a%09b%E2%80%A8c%C2%85d');
  });
});

describe('encodeMailtoAddress', () => {
  it('keeps the @ and encodes the rest', () => {
    expect(encodeMailtoAddress('crm.team+alerts@example.org')).toBe('crm.team%2Balerts@example.org');
  });
});

describe('buildMailto', () => {
  it('builds the exact link', () => {
    const link = buildMailto(
      ['ops@example.com', 'crm.team+alerts@example.org'],
      '✖ Nightly CRM import — run #42 failed',
      ['Run #42 of "Nightly CRM import" failed.', 'Reason: Rows & columns, 100% wrong', '', 'Started: 5 Mar 2026, 11:00 (Europe/Amsterdam)'],
      'Full log in Runlane: https://runlane.example/app/#/connections/c1',
    );
    expect(link).toBe(
      'mailto:ops@example.com,crm.team%2Balerts@example.org' +
        '?subject=%E2%9C%96%20Nightly%20CRM%20import%20%E2%80%94%20run%20%2342%20failed' +
        '&body=Run%20%2342%20of%20%22Nightly%20CRM%20import%22%20failed.%0D%0A' +
        'Reason%3A%20Rows%20%26%20columns%2C%20100%25%20wrong%0D%0A%0D%0A' +
        'Started%3A%205%20Mar%202026%2C%2011%3A00%20(Europe%2FAmsterdam)%0D%0A%0D%0A' +
        'Full%20log%20in%20Runlane%3A%20https%3A%2F%2Frunlane.example%2Fapp%2F%23%2Fconnections%2Fc1',
    );
  });

  it('puts the subject on one line and keeps the body\'s line breaks', () => {
    const link = buildMailto(['a@example.com'], 'Run of "A\nB" failed', ['Run of "A\nB" failed.'], 'end');
    expect(link).toBe('mailto:a@example.com?subject=Run%20of%20%22A%20B%22%20failed&body=Run%20of%20%22A%0D%0AB%22%20failed.%0D%0A%0D%0Aend');
  });

  it('has no + and no raw space, comma or ampersand after the recipients', () => {
    const link = buildMailto(['a@example.com'], 'a b, c & d', ['x + y, z & w'], 'end');
    const query = link.slice(link.indexOf('?') + 1);
    expect(query).not.toMatch(/[ +,]/);
    expect(query.split('&')).toHaveLength(2);
  });
});

describe('fitMailtoBody', () => {
  const closing = 'Full log in Runlane: https://runlane.example/#/connections/c1';

  it('keeps a short body whole', () => {
    expect(fitMailtoBody(['one', 'two'], closing)).toBe(`one\ntwo\n\n${closing}`);
  });

  it('shortens a long body from the end', () => {
    const lines = Array.from({ length: 60 }, (_, index) => `Line ${String(index).padStart(2, '0')} ${'x'.repeat(40)}`);
    const body = fitMailtoBody(lines, closing);
    expect(body.length).toBeLessThanOrEqual(MAX_MAILTO_BODY_CHARS);
    expect(body.endsWith(`${SHORTENED_NOTE}\n\n${closing}`)).toBe(true);
    expect(body.startsWith('Line 00 ')).toBe(true);
    expect(body).not.toContain('Line 59');
  });

  it('cuts one very long line', () => {
    const body = fitMailtoBody(['y'.repeat(5000)], closing);
    expect(body.length).toBe(MAX_MAILTO_BODY_CHARS);
    expect(body.split('\n')[0]?.endsWith('y…')).toBe(true);
  });
});
