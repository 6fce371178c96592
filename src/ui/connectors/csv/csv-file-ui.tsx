import { CONNECTOR_LABELS } from '../labels.ts';
import type { JSX } from 'solid-js';
import { FileImportForm } from '../file/FileImportForm.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';

function CsvFileForm(props: ConnectorFormProps): JSX.Element {
  return <FileImportForm {...props} format="csv" />;
}

export const csvFileUi: ConnectorUi = {
  connector: 'csv-file',
  direction: 'import',
  label: CONNECTOR_LABELS['csv-file'],
  description: 'Import profiles from a comma, semicolon or tab separated file, kept as a copy or read from this device at each run.',
  isOffered: true,
  Form: CsvFileForm,
};
