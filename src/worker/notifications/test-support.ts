/** Builders for the notification unit tests: deps on a fresh database, ended runs and a scripted fetch. */
import type { Connection, LogLevel, NotificationSettings, Run, RunState, RunTrigger } from '../../contract/model.ts';
import { defaultNotificationSettings } from '../../contract/model.ts';
import { ManualClock, makeConnection, makeDb, settle } from '../test-helpers.ts';
import type { NotifierDeps } from './deps.ts';

export const START_MS = Date.parse('2026-03-05T10:00:00Z');
export const APP_URL = 'http://127.0.0.1:4173/';

/** One request the fake fetch received. */
export interface SeenRequest {
  url: string;
  method: string;
  mode: RequestMode | undefined;
  headers: Record<string, string>;
  body: string | null;
}

/** Returns a fetch that responds to each request with `reply`: an HTTP status, or 'network-error' to reject. */
export function scriptedFetch(reply: (request: SeenRequest) => number | 'network-error'): { fetch: typeof fetch; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const request: SeenRequest = { url: String(input), method: init?.method ?? 'GET', mode: init?.mode, headers, body: typeof init?.body === 'string' ? init.body : null };
    requests.push(request);
    const answer = reply(request);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(null, { status: answer });
  };
  return { fetch: fake as typeof fetch, requests };
}

export function makeDeps(overrides: Partial<NotifierDeps> = {}): NotifierDeps & { clock: ManualClock } {
  return {
    db: makeDb(),
    clock: new ManualClock(START_MS),
    format: () => ({ locale: 'en-GB', timeZone: 'Europe/Amsterdam', appUrl: APP_URL }),
    fetch: scriptedFetch(() => 200).fetch,
    isOnline: () => true,
    deliveries: new Set(),
    ...overrides,
  } as NotifierDeps & { clock: ManualClock };
}

export async function addConnection(deps: NotifierDeps, notifications: Partial<NotificationSettings>, overrides: Partial<Connection> = {}): Promise<Connection> {
  const connection = makeConnection({ notifications: { ...defaultNotificationSettings(), ...notifications }, ...overrides });
  await deps.db.connections.add(connection);
  return connection;
}

let nextRunId = 1;

/** Stores a run of `connection` that ended in `state`, with optional log lines. */
export async function addEndedRun(
  deps: NotifierDeps,
  connection: Connection,
  args: { number: number; state: RunState; trigger?: RunTrigger; startedAtMs?: number; endedAtMs?: number; errorMessage?: string | null; log?: [LogLevel, string][] },
): Promise<Run> {
  const startedAtMs = args.startedAtMs ?? deps.clock.nowMs();
  const run = {
    id: nextRunId++,
    connectionId: connection.id,
    number: args.number,
    trigger: args.trigger ?? 'manual',
    state: args.state,
    priority: 0,
    queuedAtMs: startedAtMs,
    promotedAtMs: null,
    dueAtMs: null,
    startedAtMs,
    endedAtMs: args.endedAtMs ?? startedAtMs + 5_000,
    stopRequestedAtMs: null,
    attempt: 1,
    waitingForNetwork: false,
    counters: { checked: 2, added: 1, updated: 0, unchanged: 0, skipped: 0, failed: 1, blocked: 0 },
    warningCount: 0,
    errorMessage: args.errorMessage ?? (args.state === 'failed' ? 'The file is empty.' : null),
    summary: '',
    mergedDueAtMs: [],
    logCount: args.log?.length ?? 0,
  } as unknown as Run;
  await deps.db.runs.add(run);
  await deps.db.runLogs.bulkAdd((args.log ?? []).map(([level, message], seq) => ({ runId: run.id, seq, atMs: startedAtMs, level, message })));
  return run;
}

/** Settles pending work until `check` holds, or fails after `rounds` rounds. */
export async function waitUntil(check: () => Promise<boolean>, rounds = 50): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    if (await check()) return;
    await settle(5);
  }
  throw new Error('The condition did not hold in time.');
}

export { settle };
