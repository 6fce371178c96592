/**
 * The profile store's worker API: property definitions are added, renamed and given another type here.
 * Profiles themselves are read by the page through live queries (`storage/profile-queries.ts`).
 */
import type { PropertyDefinition, PropertyType, PropertyValue } from '../model.ts';
import type { TypeChangeFormats } from '../../domain/property-type-change.ts';

export type { TypeChangeFormats };

/** `numberFormat` and `dateFormat` say how text values are read when the property becomes a number or a date. */
export interface PropertyTypeChangeRequest extends TypeChangeFormats {
  propertyId: string;
  type: PropertyType;
}

/** A stored value that the new type cannot hold. */
export interface PropertyTypeConflict {
  profileKey: string;
  identifier: string;
  value: PropertyValue;
}

/** What changing a property's type would do to the values already stored. */
export interface PropertyTypeCheck {
  propertyId: string;
  fromType: PropertyType;
  toType: PropertyType;
  /** Profiles read; every profile in the store. */
  profileCount: number;
  /** Profiles that hold a value of the property. */
  valueCount: number;
  /** Values the new type holds after conversion. */
  fittingCount: number;
  /** Values the new type cannot hold; while this is above 0 the type does not change. */
  conflictCount: number;
  /** The first conflicting values in identifier order, at most `MAX_TYPE_CONFLICT_EXAMPLES`. */
  examples: PropertyTypeConflict[];
  /** The accepted form of a value, for example "a number like 1,234.5". */
  expected: string;
  /** Names of connections whose mapping imports the property; they parse it with the new type from their next run. */
  connectionNames: string[];
}

export const MAX_TYPE_CONFLICT_EXAMPLES = 10;

export interface ProfilesApi {
  /**
   * Adds a property definition. Rejects with 'invalid-input' for an id that is not lower-case letters,
   * digits and _ starting with a letter (at most 64 characters), an id in use, or a missing label.
   */
  createPropertyDefinition(request: PropertyDefinition): Promise<PropertyDefinition>;
  /** Changes a property's label; its id, which mappings refer to, stays. */
  renamePropertyDefinition(request: { propertyId: string; label: string }): Promise<PropertyDefinition>;
  /** Reads every profile in batches and reports how the stored values would fare under the new type. Writes nothing. */
  checkPropertyTypeChange(request: PropertyTypeChangeRequest): Promise<PropertyTypeCheck>;
  /**
   * Changes the type and converts every stored value in one transaction. When any value does not fit,
   * nothing changes and the call rejects with 'property-type-conflict'; while a run is running it rejects
   * with 'run-in-progress', because that run parses values with the old type.
   */
  changePropertyType(request: PropertyTypeChangeRequest): Promise<PropertyTypeCheck>;
}
