import { For, Show, type JSX } from 'solid-js';
import type { ColumnMapping, ConsentObjective, DateFormat, NumberFormat, PropertyDefinition, PropertyType } from '../../contract/model.ts';
import { inferPropertyType } from '../../domain/infer-type.ts';
import { comparableName } from '../../domain/mapping.ts';

/** One row of the editor: a file column and what it becomes. `propertyId` '' means "not imported". */
export interface MappingDraftRow {
  column: string;
  propertyId: string;
  isIdentifier: boolean;
  dateFormat: DateFormat;
  /** Set when the column creates a new property of this type. */
  newType: PropertyType | null;
}

export const NEW_PROPERTY = '__new__';
/** A draft row whose `propertyId` starts with this sets consent for the objective whose id follows. */
export const CONSENT_PREFIX = 'consent:';
const DATE_FORMATS: DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'];

/** A property id made from a header name: "Postal code" becomes "postal_code". */
export function propertyIdFromHeader(header: string): string {
  const id = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
  return /^[a-z]/.test(id) ? id : `p_${id}`.slice(0, 64);
}

export function draftFromMapping(headers: string[], mapping: ColumnMapping[]): MappingDraftRow[] {
  return headers.map((column) => {
    const entry = mapping.find((m) => m.column === column);
    return {
      column,
      propertyId: entry?.consentObjectiveId ? `${CONSENT_PREFIX}${entry.consentObjectiveId}` : (entry?.propertyId ?? ''),
      isIdentifier: entry?.isIdentifier ?? false,
      dateFormat: entry?.dateFormat ?? 'YYYY-MM-DD',
      newType: null,
    };
  });
}

const IDENTIFIER_HINTS = ['email', 'emailaddress', 'customerid', 'clientid', 'contactid', 'userid', 'id'];

/**
 * The first mapping of a newly picked file: columns that match a property map to it; the others become
 * new properties of a type suggested from the sample rows. A column named like an identifier (email,
 * customer id, id) is marked as the identifier when the suggestion has none.
 */
export function draftForNewFile(headers: string[], suggested: ColumnMapping[], sampleRows: string[][], numberFormat: NumberFormat): MappingDraftRow[] {
  const rows = headers.map((column, index): MappingDraftRow => {
    const entry = suggested.find((m) => m.column === column);
    if (entry) return { column, propertyId: entry.propertyId, isIdentifier: entry.isIdentifier, dateFormat: 'YYYY-MM-DD', newType: null };
    const samples = sampleRows.map((row) => row[index] ?? '');
    return { column, propertyId: NEW_PROPERTY, isIdentifier: false, dateFormat: 'YYYY-MM-DD', newType: inferPropertyType(samples, numberFormat) };
  });
  if (!rows.some((row) => row.isIdentifier)) {
    for (const hint of IDENTIFIER_HINTS) {
      const match = rows.find((row) => comparableName(row.column) === hint);
      if (match) {
        match.isIdentifier = true;
        if (match.newType) match.newType = 'text';
        break;
      }
    }
  }
  return rows;
}

export function mappingFromDraft(rows: MappingDraftRow[], definitions: PropertyDefinition[]): ColumnMapping[] {
  return rows
    .filter((row) => row.propertyId !== '')
    .map((row): ColumnMapping => {
      if (row.propertyId.startsWith(CONSENT_PREFIX)) {
        return { column: row.column, propertyId: '', isIdentifier: false, consentObjectiveId: row.propertyId.slice(CONSENT_PREFIX.length) };
      }
      const propertyId = row.propertyId === NEW_PROPERTY ? propertyIdFromHeader(row.column) : row.propertyId;
      const type = row.newType ?? definitions.find((d) => d.id === propertyId)?.type;
      return { column: row.column, propertyId, isIdentifier: row.isIdentifier, ...(type === 'date' ? { dateFormat: row.dateFormat } : {}) };
    });
}

export function newPropertiesFromDraft(rows: MappingDraftRow[]): { id: string; label: string; type: PropertyType }[] {
  return rows
    .filter((row) => row.propertyId === NEW_PROPERTY)
    .map((row) => ({ id: propertyIdFromHeader(row.column), label: row.column, type: row.newType ?? 'text' }));
}

interface MappingEditorProps {
  rows: MappingDraftRow[];
  definitions: PropertyDefinition[];
  onChange: (rows: MappingDraftRow[]) => void;
  sampleRows?: string[][];
  /** Offered as "Consent: <label>" targets, whose true/false values set the profile's consent. */
  consentObjectives?: ConsentObjective[];
}

/** Maps each column of the file to a property, by header name; one column is the identifier. */
export function MappingEditor(props: MappingEditorProps): JSX.Element {
  const update = (index: number, change: Partial<MappingDraftRow>): void => {
    const rows = props.rows.map((row, i) => {
      if (i === index) return { ...row, ...change };
      if (change.isIdentifier) return { ...row, isIdentifier: false };
      return row;
    });
    props.onChange(rows);
  };
  const typeOf = (row: MappingDraftRow): PropertyType | undefined =>
    row.propertyId.startsWith(CONSENT_PREFIX)
      ? 'boolean'
      : row.propertyId === NEW_PROPERTY ? (row.newType ?? 'text') : props.definitions.find((d) => d.id === row.propertyId)?.type;

  return (
    <div class="table-scroll">
    <table class="data-table mapping">
      <caption>Mapping: which property each column fills</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <Show when={props.sampleRows}>
            <th scope="col">Example</th>
          </Show>
          <th scope="col">Property</th>
          <th scope="col">Identifier</th>
          <th scope="col">Format</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row, index) => (
            <tr>
              <th scope="row">{row.column}</th>
              <Show when={props.sampleRows}>
                <td class="sample">{props.sampleRows?.[0]?.[index()] ?? ''}</td>
              </Show>
              <td>
                <select
                  aria-label={`Property for column ${row.column}`}
                  value={row.propertyId}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    update(index(), { propertyId: value, newType: value === NEW_PROPERTY ? 'text' : null, ...(value.startsWith(CONSENT_PREFIX) ? { isIdentifier: false } : {}) });
                  }}
                >
                  <option value="" selected={row.propertyId === ''}>
                    Don't import
                  </option>
                  <For each={props.definitions}>
                    {(definition) => (
                      <option value={definition.id} selected={row.propertyId === definition.id}>
                        {definition.label} ({definition.type})
                      </option>
                    )}
                  </For>
                  <For each={props.consentObjectives ?? []}>
                    {(objective) => (
                      <option value={`${CONSENT_PREFIX}${objective.id}`} selected={row.propertyId === `${CONSENT_PREFIX}${objective.id}`}>
                        Consent: {objective.label} (true/false)
                      </option>
                    )}
                  </For>
                  <option value={NEW_PROPERTY} selected={row.propertyId === NEW_PROPERTY}>
                    New property "{row.column}"
                  </option>
                </select>
                <Show when={row.propertyId === NEW_PROPERTY}>
                  <select aria-label={`Type of new property ${row.column}`} value={row.newType ?? 'text'} onChange={(e) => update(index(), { newType: e.currentTarget.value as PropertyType })}>
                    <option value="text">text</option>
                    <option value="number">number</option>
                    <option value="date">date</option>
                    <option value="boolean">boolean</option>
                  </select>
                </Show>
              </td>
              <td>
                <input
                  type="radio"
                  name="identifier-column"
                  aria-label={`Column ${row.column} is the identifier`}
                  checked={row.isIdentifier}
                  disabled={row.propertyId === '' || row.propertyId.startsWith(CONSENT_PREFIX)}
                  onChange={() => update(index(), { isIdentifier: true })}
                />
              </td>
              <td>
                <Show when={typeOf(row) === 'date'}>
                  <select aria-label={`Date format of column ${row.column}`} value={row.dateFormat} onChange={(e) => update(index(), { dateFormat: e.currentTarget.value as DateFormat })}>
                    <For each={DATE_FORMATS}>
                      {(format) => (
                        <option value={format} selected={row.dateFormat === format}>
                          {format}
                        </option>
                      )}
                    </For>
                  </select>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
    </div>
  );
}
