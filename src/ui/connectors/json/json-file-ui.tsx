import { CONNECTOR_LABELS } from '../labels.ts';
import type { JSX } from 'solid-js';
import { FileImportForm } from '../file/FileImportForm.tsx';
import type { ConnectorFormProps, ConnectorUi } from '../types.ts';

function JsonFileForm(props: ConnectorFormProps): JSX.Element {
  return <FileImportForm {...props} format="json" />;
}

export const jsonFileUi: ConnectorUi = {
  connector: 'json-file',
  direction: 'import',
  label: CONNECTOR_LABELS['json-file'],
  description: 'Import profiles from a JSON array of objects or JSON lines; the objects’ keys are the columns.',
  isOffered: true,
  Form: JsonFileForm,
};
