/**
 * The URL import connector: downloads a CSV or JSON file with HTTP(S) GET at each run and imports it
 * through the shared pipeline. The body is read as a stream into a Blob first, so a broken download or
 * invalid bytes fail the attempt before anything is written, and another attempt starts clean.
 */
import type { UrlImportSettings } from '../../contract/model.ts';
import type { Connector, RunContext, SettingsProblem } from '../connector.ts';
import { formatByteSize, runImport, type ImportFormat } from '../../worker/import/import-pipeline.ts';
import { noteForgottenFingerprints } from '../../worker/import/forgotten-fingerprints.ts';
import { browserHttpEnvironment, downloadFile, type HttpEnvironment } from './fetch-file.ts';
import { checkImportUrl, checkRequestHeaders, describeUrlForLog } from '../../domain/import-url.ts';

/** Builds the connector; tests pass their own HTTP environment. */
export function createUrlImportConnector(environment: () => HttpEnvironment = browserHttpEnvironment): Connector<UrlImportSettings> {
  return {
    validateSettings(settings): SettingsProblem[] {
      const problems: SettingsProblem[] = [];
      const url = checkImportUrl(settings.url, 'http:');
      if (url.error) problems.push({ field: 'url', message: url.error });
      const headers = checkRequestHeaders(settings.requestHeaders);
      if (headers) problems.push({ field: 'requestHeaders', message: headers });
      return problems;
    },
    async run(context) {
      const settings = context.connection.settings as UrlImportSettings;
      await noteForgottenFingerprints(context);
      const env = environment();
      logRequest(context, settings);
      await context.log.flush();
      const download = await downloadFile({ url: settings.url, headers: settings.requestHeaders, signal: context.signal, clock: context.clock }, env);
      context.signal.throwIfAborted();
      context.log.info(`Downloaded ${formatByteSize(download.blob.size)}${download.contentType ? ` (${download.contentType})` : ''}.`);
      const format: ImportFormat = settings.format === 'json' ? { kind: 'json', layout: settings.layout } : { kind: 'csv', delimiter: settings.delimiter };
      await runImport(context, { blob: download.blob, description: `the response of ${describeUrlForLog(settings.url)}` }, format, settings);
    },
  };
}

/** Names the request headers without their values, which are secrets. */
function logRequest(context: RunContext, settings: UrlImportSettings): void {
  const names = settings.requestHeaders.map((header) => header.name.trim()).filter((name) => name !== '');
  const headers = names.length === 0 ? '' : ` with the request header${names.length === 1 ? '' : 's'} ${names.join(', ')} (values hidden)`;
  context.log.info(`Requesting GET ${describeUrlForLog(settings.url)}${headers}.`);
}

export const urlImportConnector = createUrlImportConnector();
