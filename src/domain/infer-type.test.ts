import { describe, expect, it } from 'vitest';
import { inferPropertyType } from './infer-type.ts';

describe('inferPropertyType', () => {
  it('suggests number for numbers with thousands separators', () => {
    expect(inferPropertyType(['1,234', '17', '3.5'], '1,234.5')).toBe('number');
  });

  it('keeps codes with leading zeros as text', () => {
    expect(inferPropertyType(['01234', '12345'], '1,234.5')).toBe('text');
  });

  it('suggests date for ISO dates', () => {
    expect(inferPropertyType(['1987-02-11', '2001-12-31'], '1,234.5')).toBe('date');
  });

  it('suggests boolean for yes and no', () => {
    expect(inferPropertyType(['yes', 'No', ''], '1,234.5')).toBe('boolean');
  });

  it('falls back to text for mixed values and empty samples', () => {
    expect(inferPropertyType(['12', 'twelve'], '1,234.5')).toBe('text');
    expect(inferPropertyType(['', ' '], '1,234.5')).toBe('text');
  });
});
