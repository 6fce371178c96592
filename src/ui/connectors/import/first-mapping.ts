/** The first mapping of a newly previewed file or response. */
import type { ImportInspection } from '../../../contract/api/imports.ts';
import type { NumberFormat } from '../../../contract/model.ts';
import { draftForNewFile, type MappingDraftRow } from '../../components/MappingEditor.tsx';

/**
 * Maps every column as `draftForNewFile` suggests, except JSON keys that hold objects or arrays: no
 * property can hold those, so they start as "Don't import".
 */
export function firstMapping(inspection: ImportInspection, numberFormat: NumberFormat): MappingDraftRow[] {
  const rows = draftForNewFile(inspection.headers, inspection.suggestedMapping, inspection.sampleRows, numberFormat);
  const nested = new Set(inspection.nestedColumns);
  return rows.map((row) => (nested.has(row.column) ? { ...row, propertyId: '', isIdentifier: false, newType: null } : row));
}
