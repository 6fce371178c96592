/** Previews of a file before a connection imports it: its columns, first rows and problems. */
import type { ImportFileFormat, ImportInspection, ImportReadChoice } from '../../contract/api/imports.ts';
import type { PropertyDefinition } from '../../contract/model.ts';
import { inspectCsv } from '../../connectors/csv/decode-csv.ts';
import { inspectJson } from '../../connectors/json/decode-json.ts';
import { suggestMapping } from '../../domain/mapping.ts';

/** Reads the first 64 KB of `blob` as `format`. Problems that would fail a run are returned, not thrown. */
export async function previewImportFile(
  blob: Blob,
  request: { fileName: string; format: ImportFileFormat } & ImportReadChoice,
  definitions: readonly PropertyDefinition[],
): Promise<ImportInspection> {
  const base = { fileName: request.fileName, size: blob.size, format: request.format };
  if (request.format === 'csv') {
    const preview = await inspectCsv(blob, { encoding: request.encoding, delimiter: request.delimiter });
    return {
      ...base,
      delimiter: preview.delimiter,
      layout: null,
      isDetected: request.delimiter === 'auto',
      headers: preview.headers,
      sampleRows: preview.sampleRows,
      nestedColumns: [],
      suggestedMapping: suggestMapping(preview.headers, definitions),
      problems: preview.problems.map(({ level, message }) => ({ level, message })),
    };
  }
  const preview = await inspectJson(blob, { encoding: request.encoding, layout: request.layout });
  return {
    ...base,
    delimiter: null,
    layout: preview.layout,
    isDetected: preview.isLayoutDetected,
    headers: preview.headers,
    sampleRows: preview.sampleRows,
    nestedColumns: preview.nestedKeys,
    suggestedMapping: suggestMapping(preview.headers, definitions),
    problems: preview.problems.map(({ level, message }) => ({ level, message })),
  };
}

/** Detects JSON from a leading "[" or "{" when neither the response nor the address names a format. */
export async function sniffFormat(blob: Blob): Promise<ImportFileFormat> {
  const head = new TextDecoder().decode(await blob.slice(0, 1024).arrayBuffer());
  const first = /\S/.exec(head.replace(/^\ufeff/, ''))?.[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}
