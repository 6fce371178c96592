/**
 * The JSON file import connector: reads an array of objects or JSON lines from the connection's stored
 * copy of the file, or from the linked file on the device, at each run.
 */
import type { JsonFileImportSettings } from '../../contract/model.ts';
import type { Connector, SettingsProblem } from '../connector.ts';
import { runImport } from '../../worker/import/import-pipeline.ts';
import { loadConnectionFile } from '../../worker/import/import-file-source.ts';
import { noteForgottenFingerprints } from '../../worker/import/forgotten-fingerprints.ts';

export const jsonFileConnector: Connector<JsonFileImportSettings> = {
  validateSettings(settings): SettingsProblem[] {
    const identifiers = settings.mapping.filter((m) => m.isIdentifier);
    return identifiers.length === 1 ? [] : [{ field: 'mapping', message: 'Mark exactly one key as the identifier.' }];
  },
  async run(context) {
    const settings = context.connection.settings as JsonFileImportSettings;
    await noteForgottenFingerprints(context);
    const input = await loadConnectionFile(context, settings.source, 'json');
    await runImport(context, input, { kind: 'json', layout: settings.layout }, settings);
  },
};
