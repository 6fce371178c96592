/** The import connectors' worker API: previews of files and URL responses, and replacing a file import's file. */
import type { ImportsApi, UrlInspection } from '../../contract/api/imports.ts';
import { AppError } from '../../contract/errors.ts';
import { browserHttpEnvironment, downloadFile } from '../../connectors/url/fetch-file.ts';
import { checkImportUrl, fileNameFromUrl, guessFormat } from '../../domain/import-url.ts';
import { linkImportFile, storeImportFile } from '../import/import-file-commands.ts';
import { previewImportFile, sniffFormat } from '../import/import-preview.ts';
import type { WorkerContext } from '../context.ts';

/** Bytes a URL preview reads: one more than a file preview, so the preview can tell that the response goes on. */
const URL_PREVIEW_BYTES = 64 * 1024 + 1;

export function createImportsApi(context: WorkerContext): ImportsApi {
  return {
    async inspectImportFile({ file, ...request }) {
      const { db } = await context.ready();
      return previewImportFile(file, request, await db.propertyDefinitions.toArray());
    },

    async inspectUrl(request): Promise<UrlInspection> {
      const { db, clock } = await context.ready();
      const check = checkImportUrl(request.url, self.location.protocol);
      if (check.error) throw new AppError('invalid-input', check.error);
      const url = request.url.trim();
      const download = await downloadFile(
        { url, headers: request.requestHeaders, signal: new AbortController().signal, clock, maxBytes: URL_PREVIEW_BYTES },
        browserHttpEnvironment(),
      );
      const guessed = request.format === 'auto' ? guessFormat(download.contentType, url) : request.format;
      const format = guessed ?? (await sniffFormat(download.blob));
      const preview = await previewImportFile(download.blob, { ...request, fileName: fileNameFromUrl(url), format }, await db.propertyDefinitions.toArray());
      return {
        ...preview,
        isDetected: request.format === 'auto' || preview.isDetected,
        contentType: download.contentType,
        isComplete: download.isComplete,
      };
    },

    async storeImportFile(request) {
      return storeImportFile(await context.ready(), request);
    },

    async linkImportFile(request) {
      return linkImportFile(await context.ready(), request);
    },
  };
}
