/**
 * The import connectors' worker API beyond the core CSV calls: previews of CSV and JSON files and of URL
 * responses, and replacing the file a file import reads (a stored copy, or a linked file on the device).
 */
import type { ColumnMapping, Connection, Delimiter, HeaderEntry, JsonLayout, TextEncoding } from '../model.ts';

export type ImportFileFormat = 'csv' | 'json';

/** Read options of a preview; 'auto' detects the delimiter, the JSON layout or the format. */
export interface ImportReadChoice {
  encoding: TextEncoding;
  delimiter: Delimiter;
  layout: JsonLayout | 'auto';
}

export interface ImportPreviewProblem {
  /** 'error' fails a run as a whole; 'warning' affects single rows or columns. */
  level: 'error' | 'warning';
  message: string;
}

/** The columns and first rows of a file, read from its first 64 KB. */
export interface ImportInspection {
  fileName: string;
  /** Bytes of the whole file; for a URL, the bytes read for the preview. */
  size: number;
  format: ImportFileFormat;
  /** CSV only: the delimiter found or chosen. */
  delimiter: ',' | ';' | '\t' | null;
  /** JSON only: the layout found or chosen. */
  layout: JsonLayout | null;
  /** True when the delimiter, the layout or (for a URL) the format was detected rather than chosen. */
  isDetected: boolean;
  /** Column names (CSV header, JSON keys) in file order. */
  headers: string[];
  /** The first rows' values in `headers` order, at most five. */
  sampleRows: string[][];
  /** JSON only: keys whose values are objects or arrays, which no property can hold. */
  nestedColumns: string[];
  suggestedMapping: ColumnMapping[];
  problems: ImportPreviewProblem[];
}

export interface UrlInspection extends ImportInspection {
  contentType: string | null;
  /** False when the response is longer than the part read for the preview. */
  isComplete: boolean;
}

export interface ImportsApi {
  /** Reads the first 64 KB of a CSV or JSON file. Problems that would fail a run are returned, not thrown. */
  inspectImportFile(request: { file: Blob; fileName: string; format: ImportFileFormat } & ImportReadChoice): Promise<ImportInspection>;
  /**
   * Requests the address as a run would and reads the first 64 KB of the response. Rejects with the run's
   * errors ('remote-cors', 'network-unreachable', 'remote-rejected', …) when the request fails.
   */
  inspectUrl(request: { url: string; requestHeaders: HeaderEntry[]; format: ImportFileFormat | 'auto' } & ImportReadChoice): Promise<UrlInspection>;
  /**
   * Stores a copy of `file` for a CSV or JSON file import, which then reads it at each run, and deletes the
   * link to a file on the device. Rejects with 'file-missing-columns' when the file lacks mapped columns, keeping the
   * current file.
   */
  storeImportFile(request: { id: string; file: Blob; fileName: string }): Promise<Connection>;
  /** Links the file on the device instead of a stored copy: each run reads its current contents. */
  linkImportFile(request: { id: string; handle: FileSystemFileHandle }): Promise<Connection>;
}
