import { describe, expect, it } from 'vitest';
import { splitByMatches } from './log-text.ts';

describe('splitByMatches', () => {
  it('returns the whole text without a search', () => {
    expect(splitByMatches('Row 1: read.', '  ')).toEqual([{ text: 'Row 1: read.', isMatch: false }]);
  });

  it('marks every match ignoring case and keeps the original spelling', () => {
    expect(splitByMatches('Email EMAIL email', 'email')).toEqual([
      { text: 'Email', isMatch: true },
      { text: ' ', isMatch: false },
      { text: 'EMAIL', isMatch: true },
      { text: ' ', isMatch: false },
      { text: 'email', isMatch: true },
    ]);
  });

  it('treats regular expression characters as text', () => {
    expect(splitByMatches('cost (EUR) 1.5', '(eur)')).toEqual([
      { text: 'cost ', isMatch: false },
      { text: '(EUR)', isMatch: true },
      { text: ' 1.5', isMatch: false },
    ]);
  });

  it('returns the text unmarked when nothing matches', () => {
    expect(splitByMatches('Row 2', 'customer')).toEqual([{ text: 'Row 2', isMatch: false }]);
  });
});
