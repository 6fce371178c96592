/** The CSV file import connector: reads the connection's stored copy of the file at each run. */
import type { CsvImportSettings } from '../../contract/model.ts';
import type { Connector, SettingsProblem } from '../connector.ts';
import { runCsvImport } from '../../worker/import/import-pipeline.ts';

const FORGOTTEN_KEY_PREFIX = 'fingerprints-forgotten:';

export const csvFileConnector: Connector<CsvImportSettings> = {
  validateSettings(settings): SettingsProblem[] {
    const problems: SettingsProblem[] = [];
    const identifiers = settings.mapping.filter((m) => m.isIdentifier);
    if (identifiers.length !== 1) problems.push({ field: 'mapping', message: 'Mark exactly one column as the identifier.' });
    return problems;
  },
  async run(context) {
    const key = `${FORGOTTEN_KEY_PREFIX}${context.connection.id}`;
    if (await context.db.meta.get(key)) {
      context.log.info('The mapping changed or reprocessing was requested, so rows processed by earlier runs are evaluated again.');
      if (!context.isTestRun) await context.db.meta.delete(key);
    }
    await runCsvImport(context);
  },
};
