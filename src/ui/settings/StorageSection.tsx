import { For, Show, createResource, createSignal, type JSX } from 'solid-js';
import { callWorker } from '../bridge.ts';
import { formatBytes, formatNumber } from '../format.ts';
import { describeError } from '../messages.ts';
import { readPersisted, readStorageUse, requestPersistence } from './storage-manager.ts';

/** Storage used and available, persistent storage, and an estimate of each connection's share. */
export function StorageSection(): JSX.Element {
  const [use, { refetch: refetchUse }] = createResource(readStorageUse);
  const [persisted, { mutate: setPersisted }] = createResource(readPersisted);
  const [requestResult, setRequestResult] = createSignal<string | null>(null);
  const [estimate, { refetch: refetchEstimate }] = createResource(() => callWorker('estimateStorage'));

  const request = async (): Promise<void> => {
    setRequestResult(null);
    try {
      const granted = await requestPersistence();
      setPersisted(granted);
      setRequestResult(describeRequestResult(granted));
    } catch (error) {
      setRequestResult(`The request failed: ${describeError(error)}`);
    }
  };
  const refresh = (): void => {
    void refetchUse();
    void refetchEstimate();
  };

  return (
    <section class="panel" aria-labelledby="storage-heading">
      <div class="page-header">
        <h2 id="storage-heading">Storage</h2>
        <button type="button" onClick={refresh}>
          Measure again
        </button>
      </div>
      <Show when={!use.loading} fallback={<p>Measuring…</p>}>
        <Show when={use()} fallback={<p>This browser does not report how much storage Runlane uses.</p>}>
          {(current) => (
            <p data-testid="storage-use">
              Runlane uses {formatBytes(current().usageBytes)} of the {formatBytes(current().quotaBytes)} this browser allows it;{' '}
              {formatBytes(Math.max(0, current().quotaBytes - current().usageBytes))} are available.
            </p>
          )}
        </Show>
      </Show>
      <h3>Persistent storage</h3>
      <p data-testid="persistence-state">{describePersisted(persisted())}</p>
      <Show when={persisted() !== true}>
        <button type="button" onClick={() => void request()}>
          Request persistent storage
        </button>
      </Show>
      <Show when={requestResult()}>
        <p role="status" data-testid="persistence-result">
          {requestResult()}
        </p>
      </Show>
      <h3>By connection (estimate)</h3>
      <Show when={estimate.error}>
        <p class="field-error" role="alert">
          {describeError(estimate.error)}
        </p>
      </Show>
      <Show when={estimate()} fallback={<Show when={!estimate.error}><p>Counting…</p></Show>}>
        {(report) => (
          <>
            <div class="table-scroll">
              <table class="data-table" aria-label="Storage by connection">
                <thead>
                  <tr>
                    <th scope="col">Connection</th>
                    <th scope="col" class="num">Stored file</th>
                    <th scope="col" class="num">Runs</th>
                    <th scope="col" class="num">Log lines</th>
                    <th scope="col" class="num">Fingerprints</th>
                    <th scope="col" class="num">Export files</th>
                    <th scope="col" class="num">Estimated size</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={report().connections}>
                    {(row) => (
                      <tr data-testid="storage-row">
                        <th scope="row">
                          <a href={`#/connections/${row.connectionId}`}>{row.name}</a>
                        </th>
                        <td class="num">{row.fileBytes > 0 ? formatBytes(row.fileBytes) : '—'}</td>
                        <td class="num">{formatNumber(row.runCount)}</td>
                        <td class="num">{formatNumber(row.logLineCount)}</td>
                        <td class="num">{formatNumber(row.fingerprintCount)}</td>
                        <td class="num">{row.exportFileCount > 0 ? `${formatNumber(row.exportFileCount)} (${formatBytes(row.exportFileBytes)})` : '—'}</td>
                        <td class="num">{formatBytes(row.estimatedBytes)}</td>
                      </tr>
                    )}
                  </For>
                  <tr data-testid="storage-profiles-row">
                    <th scope="row">Profile store ({formatNumber(report().profileCount)} profiles)</th>
                    <td colSpan={5} />
                    <td class="num">{formatBytes(report().profileEstimatedBytes)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p class="hint">
              Estimates: stored and export files count at their size; runs, log lines, fingerprints and profiles count as their number times the
              average size of up to 200 stored records. IndexedDB also keeps indexes and compresses data, so the real use differs.
            </p>
          </>
        )}
      </Show>
    </section>
  );
}

function describePersisted(persisted: boolean | null | undefined): string {
  if (persisted === undefined) return 'Checking…';
  if (persisted === null) return 'This browser does not say whether it keeps Runlane\'s data when storage runs low.';
  return persisted
    ? 'Granted: the browser keeps Runlane\'s data until you delete it.'
    : 'Not granted: the browser may delete Runlane\'s data when the device runs low on storage.';
}

function describeRequestResult(granted: boolean | null): string {
  if (granted === null) return 'This browser cannot make storage persistent.';
  return granted
    ? 'The browser granted persistent storage.'
    : 'The browser did not grant persistent storage; each browser decides by its own rules. Installing Runlane as an app may help: ask again after that.';
}
