import { describe, expect, it } from 'vitest';
import { checkImportUrl, checkRequestHeaders, describeUrlForLog, guessFormat } from './import-url.ts';

describe('URL rules', () => {
  it('accepts http and https only', () => {
    expect(checkImportUrl('https://example.com/a.csv', 'https:')).toEqual({ error: null, warning: null });
    expect(checkImportUrl('ftp://example.com/a.csv', 'https:').error).toBe('Addresses starting with ftp: are not supported: use an http:// or https:// address.');
    expect(checkImportUrl('example.com/a.csv', 'https:').error).toContain('is not a complete address');
    expect(checkImportUrl('', 'https:').error).toContain('Address is missing');
    expect(checkImportUrl('https://user:pw@example.com/a.csv', 'https:').error).toContain('Remove the user name and password');
  });

  it('warns about mixed content except for loopback addresses', () => {
    expect(checkImportUrl('http://example.com/a.csv', 'https:').warning).toContain('mixed content');
    expect(checkImportUrl('http://example.com/a.csv', 'http:').warning).toBeNull();
    expect(checkImportUrl('http://127.0.0.1:8080/a.csv', 'https:').warning).toBeNull();
    expect(checkImportUrl('http://localhost/a.csv', 'https:').warning).toBeNull();
  });

  it('hides query values in the log', () => {
    expect(describeUrlForLog('https://example.com/export.csv?api_key=abc&page=2')).toBe('https://example.com/export.csv?api_key=…&page=…');
  });

  it('checks request headers without naming values', () => {
    expect(checkRequestHeaders([{ name: 'Authorization', value: 'Bearer x' }])).toBeNull();
    expect(checkRequestHeaders([{ name: '', value: '' }])).toBeNull();
    expect(checkRequestHeaders([{ name: 'Cookie', value: 'a=b' }])).toContain('sets the request header "Cookie" itself');
    expect(checkRequestHeaders([{ name: 'Set-Cookie', value: 'a=b' }])).toBe('The browser sets the request header "Set-Cookie" itself and does not let pages send it. Remove it.');
    expect(checkRequestHeaders([{ name: 'Sec-Fetch-Mode', value: 'cors' }])).toContain('sets the request header "Sec-Fetch-Mode" itself');
    expect(checkRequestHeaders([{ name: 'X-Key', value: 'a\nb' }])).toBe('The value of request header "X-Key" contains a line break. Enter it on one line.');
    expect(checkRequestHeaders([{ name: 'x-key', value: '1' }, { name: 'X-Key', value: '2' }])).toContain('entered twice');
  });

  it('guesses the format from the content type, then the extension', () => {
    expect(guessFormat('application/json; charset=utf-8', 'https://e.com/x')).toBe('json');
    expect(guessFormat('text/csv', 'https://e.com/x.json')).toBe('csv');
    expect(guessFormat(null, 'https://e.com/x.ndjson')).toBe('json');
    expect(guessFormat('application/octet-stream', 'https://e.com/x')).toBeNull();
  });
});
