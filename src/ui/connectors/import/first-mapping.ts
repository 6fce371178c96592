/** The first mapping of a newly previewed file or response. */
import type { ImportInspection } from '../../../contract/api/imports.ts';
import type { NumberFormat } from '../../../contract/model.ts';
import { draftForNewFile, type MappingDraftRow } from '../../components/MappingEditor.tsx';

/**
 * Maps every column as `draftForNewFile` suggests, except two kinds that start as "Don't import". No
 * property can store a JSON key whose values are objects or arrays, and an import leaves out the values
 * of a column without a name.
 */
export function firstMapping(inspection: ImportInspection, numberFormat: NumberFormat): MappingDraftRow[] {
  const rows = draftForNewFile(inspection.headers, inspection.suggestedMapping, inspection.sampleRows, numberFormat);
  const nested = new Set(inspection.nestedColumns);
  const isLeftOut = (column: string): boolean => nested.has(column) || column.trim() === '';
  return rows.map((row) => (isLeftOut(row.column) ? { ...row, propertyId: '', isIdentifier: false, newType: null } : row));
}
