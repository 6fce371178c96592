/**
 * Training mode's last line of defence: in the training worker, `fetch` sends only requests for the app's
 * own files. Every other request is recorded in the training database and gets a 204 No Content response,
 * so a webhook, a notification or a real-time delivery reaches no outside system.
 */
import type { Clock } from '../../domain/clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { createLogger } from '../log.ts';

const log = createLogger('training');

/**
 * Replaces the worker's global `fetch`. Call once, in the training worker only.
 * NOTE: only `fetch` is recorded, so a connector that used XMLHttpRequest or WebSocket would not be. None of
 * Runlane's connectors does.
 */
export function installFetchRecorder(db: RunlaneDb, clock: Clock): void {
  const sendFetch = globalThis.fetch.bind(globalThis);
  const appOrigin = globalThis.location.origin;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin === appOrigin) return sendFetch(request);
    const bodyBytes = request.body ? (await request.arrayBuffer()).byteLength : 0;
    await db.trainingDeliveries.add({ atMs: clock.nowMs(), method: request.method, url: `${url.origin}${url.pathname}`, bodyBytes });
    log.info('training mode recorded a request instead of sending it', { method: request.method, origin: url.origin });
    return new Response(null, { status: 204, statusText: 'Recorded in training mode' });
  };
}
