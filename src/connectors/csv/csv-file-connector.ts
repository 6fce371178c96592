/**
 * The CSV file import connector: reads the connection's stored copy of the file, or the linked file on
 * the device, at each run.
 */
import type { CsvImportSettings } from '../../contract/model.ts';
import type { Connector, SettingsProblem } from '../connector.ts';
import { runCsvImport } from '../../worker/import/import-pipeline.ts';
import { noteForgottenFingerprints } from '../../worker/import/forgotten-fingerprints.ts';

export const csvFileConnector: Connector<CsvImportSettings> = {
  validateSettings(settings): SettingsProblem[] {
    const problems: SettingsProblem[] = [];
    const identifiers = settings.mapping.filter((m) => m.isIdentifier);
    if (identifiers.length !== 1) problems.push({ field: 'mapping', message: 'Mark exactly one column as the identifier.' });
    return problems;
  },
  async run(context) {
    await noteForgottenFingerprints(context);
    await runCsvImport(context);
  },
};
