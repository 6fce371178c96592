/** Suggests how the columns of a picked file map to property definitions. */
import type { ColumnMapping, PropertyDefinition } from '../contract/model.ts';

/**
 * Names that mark a column as the identifier, in order of preference, after `comparableName`. An email
 * address comes first because it is the usual matching key of customer-data platforms.
 */
const IDENTIFIER_NAMES: readonly string[] = [
  'email',
  'emailaddress',
  'customerid',
  'customernumber',
  'customerno',
  'clientid',
  'contactid',
  'userid',
  'id',
];

/**
 * Returns a mapping for each header that matches a property definition's id or label, ignoring letter
 * case, spaces and punctuation ("E-mail" matches "email"). Each definition and each header is used at
 * most once, and the first match in header order wins. The mapped column whose name looks most like an
 * identifier (email, then customer id and similar, then id) is marked as the identifier. When none looks
 * like one, no column is marked and the user has to choose. Date columns get no format, because a date
 * format is never guessed.
 */
export function suggestMapping(headers: readonly string[], definitions: readonly PropertyDefinition[]): ColumnMapping[] {
  const definitionsByName = new Map<string, PropertyDefinition>();
  for (const definition of definitions) {
    for (const name of [definition.id, definition.label]) {
      const key = comparableName(name);
      if (key !== '' && !definitionsByName.has(key)) definitionsByName.set(key, definition);
    }
  }

  const mapping: ColumnMapping[] = [];
  const usedPropertyIds = new Set<string>();
  const usedColumns = new Set<string>();
  for (const header of headers) {
    const definition = definitionsByName.get(comparableName(header));
    if (!definition || usedPropertyIds.has(definition.id) || usedColumns.has(header)) continue;
    usedPropertyIds.add(definition.id);
    usedColumns.add(header);
    mapping.push({ column: header, propertyId: definition.id, isIdentifier: false });
  }

  const identifier = pickIdentifier(mapping);
  if (identifier) identifier.isIdentifier = true;
  return mapping;
}

/** Lower-cases a name and drops everything but letters and digits, so "Customer ID" becomes "customerid". */
export function comparableName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function pickIdentifier(mapping: ColumnMapping[]): ColumnMapping | undefined {
  let best: ColumnMapping | undefined;
  let bestRank = IDENTIFIER_NAMES.length;
  for (const entry of mapping) {
    const rank = Math.min(rankOf(entry.column), rankOf(entry.propertyId));
    if (rank < bestRank) {
      best = entry;
      bestRank = rank;
    }
  }
  return best;
}

function rankOf(name: string): number {
  const index = IDENTIFIER_NAMES.indexOf(comparableName(name));
  return index === -1 ? IDENTIFIER_NAMES.length : index;
}
