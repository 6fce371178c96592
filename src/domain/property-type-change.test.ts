import { describe, expect, it } from 'vitest';
import type { PropertyType, PropertyValue } from '../contract/model.ts';
import { convertValue, describeExpectedValue, emptyTally, tallyTypeChange, type TalliedProfile, type TypeChangeFormats } from './property-type-change.ts';

const FORMATS: TypeChangeFormats = { numberFormat: '1,234.5', dateFormat: 'YYYY-MM-DD' };

describe('convertValue', () => {
  const cases: [PropertyValue, PropertyType, PropertyValue | 'conflict'][] = [
    ['1,200', 'number', 1200],
    ['forty', 'number', 'conflict'],
    ['12.5', 'number', 12.5],
    ['2024-03-31', 'date', '2024-03-31'],
    ['31/03/2024', 'date', 'conflict'],
    ['2024-02-30', 'date', 'conflict'],
    ['yes', 'boolean', true],
    ['Off', 'boolean', false],
    ['maybe', 'boolean', 'conflict'],
    ['007', 'text', '007'],
    [1200.5, 'text', '1200.5'],
    [1, 'boolean', true],
    [0, 'boolean', false],
    [2, 'boolean', 'conflict'],
    [20240331, 'date', 'conflict'],
    [true, 'text', 'true'],
    [false, 'number', 0],
    [true, 'date', 'conflict'],
    [null, 'number', null],
  ];
  it.each(cases)('converts %j to %s', (value, type, expected) => {
    const converted = convertValue(value, type, FORMATS);
    if (expected === 'conflict') expect(converted).toEqual({ ok: false });
    else expect(converted).toEqual({ ok: true, value: expected });
  });

  it('reads numbers in the chosen number format', () => {
    expect(convertValue('1.234,5', 'number', { ...FORMATS, numberFormat: '1.234,5' })).toEqual({ ok: true, value: 1234.5 });
    expect(convertValue('1,234.5', 'number', { ...FORMATS, numberFormat: '1.234,5' })).toEqual({ ok: false });
  });

  it('reads dates in the chosen date format', () => {
    expect(convertValue('31/03/2024', 'date', { ...FORMATS, dateFormat: 'DD/MM/YYYY' })).toEqual({ ok: true, value: '2024-03-31' });
    expect(convertValue('03/31/2024', 'date', { ...FORMATS, dateFormat: 'DD/MM/YYYY' })).toEqual({ ok: false });
  });

  it('rejects text of spaces for a typed property', () => {
    expect(convertValue('   ', 'number', FORMATS)).toEqual({ ok: false });
  });
});

describe('describeExpectedValue', () => {
  it('names the accepted form of each type', () => {
    expect(describeExpectedValue('number', FORMATS)).toBe('a number like 1,234.5');
    expect(describeExpectedValue('number', { ...FORMATS, numberFormat: '1.234,5' })).toBe('a number like 1.234,5');
    expect(describeExpectedValue('date', { ...FORMATS, dateFormat: 'DD.MM.YYYY' })).toBe('a date in DD.MM.YYYY format');
    expect(describeExpectedValue('boolean', FORMATS)).toBe('true/false, yes/no, y/n, 1/0 or on/off');
  });
});

describe('tallyTypeChange', () => {
  const profile = (key: string, points?: PropertyValue): TalliedProfile => ({
    key,
    identifier: key.toUpperCase(),
    properties: points === undefined ? { name: key } : { name: key, points },
  });

  it('counts values, fitting values and conflicts', () => {
    const tally = emptyTally();
    tallyTypeChange(tally, [profile('a', '12'), profile('b', 'forty'), profile('c'), profile('d', '7')], 'points', 'number', FORMATS, 10);
    expect(tally.profileCount).toBe(4);
    expect(tally.valueCount).toBe(3);
    expect(tally.fittingCount).toBe(2);
    expect(tally.conflictCount).toBe(1);
    expect(tally.examples).toEqual([{ profileKey: 'b', identifier: 'B', value: 'forty' }]);
  });

  it('returns converted copies of the profiles that change', () => {
    const original = profile('a', '12');
    const changed = tallyTypeChange(emptyTally(), [original, profile('b')], 'points', 'number', FORMATS, 10);
    expect(changed).toEqual([{ key: 'a', identifier: 'A', properties: { name: 'a', points: 12 } }]);
    expect(original.properties.points).toBe('12');
  });

  it('keeps at most the given number of examples across batches', () => {
    const tally = emptyTally();
    tallyTypeChange(tally, [profile('a', 'x'), profile('b', 'y')], 'points', 'number', FORMATS, 3);
    tallyTypeChange(tally, [profile('c', 'z'), profile('d', 'w')], 'points', 'number', FORMATS, 3);
    expect(tally.conflictCount).toBe(4);
    expect(tally.examples.map((example) => example.profileKey)).toEqual(['a', 'b', 'c']);
  });
});
