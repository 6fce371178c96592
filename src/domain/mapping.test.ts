import { describe, expect, it } from 'vitest';
import type { PropertyDefinition } from '../contract/model.ts';
import { comparableName, suggestMapping } from './mapping.ts';

const definitions: PropertyDefinition[] = [
  { id: 'email', label: 'Email address', type: 'text' },
  { id: 'customerId', label: 'Customer ID', type: 'text' },
  { id: 'firstName', label: 'First name', type: 'text' },
  { id: 'birthday', label: 'Date of birth', type: 'date' },
];

describe('suggestMapping', () => {
  it('matches ids and labels ignoring case and punctuation', () => {
    const mapping = suggestMapping(['E-Mail', 'first_name', 'Date of Birth', 'Notes'], definitions);
    expect(mapping).toEqual([
      { column: 'E-Mail', propertyId: 'email', isIdentifier: true },
      { column: 'first_name', propertyId: 'firstName', isIdentifier: false },
      { column: 'Date of Birth', propertyId: 'birthday', isIdentifier: false },
    ]);
  });

  it('prefers email over customer id as the identifier', () => {
    const mapping = suggestMapping(['Customer ID', 'Email address'], definitions);
    expect(mapping.filter((entry) => entry.isIdentifier).map((entry) => entry.column)).toEqual(['Email address']);
  });

  it('picks a customer id when there is no email column', () => {
    const mapping = suggestMapping(['customer_id', 'First Name'], definitions);
    expect(mapping.find((entry) => entry.isIdentifier)?.propertyId).toBe('customerId');
  });

  it('marks no identifier when no column looks like one', () => {
    const mapping = suggestMapping(['First Name', 'DOB'], definitions);
    expect(mapping).toEqual([{ column: 'First Name', propertyId: 'firstName', isIdentifier: false }]);
  });

  it('maps each property and each column once', () => {
    const mapping = suggestMapping(['email', 'Email', 'email'], definitions);
    expect(mapping).toEqual([{ column: 'email', propertyId: 'email', isIdentifier: true }]);
  });
});

describe('comparableName', () => {
  it('keeps only letters and digits, lower-cased', () => {
    expect(comparableName(' Customer-ID #2 ')).toBe('customerid2');
    expect(comparableName('Straße')).toBe('straße');
  });
});
