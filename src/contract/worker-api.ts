/**
 * The worker's API as the page sees it. Every method takes and returns plain data; expected failures
 * reject with an Error whose message is `[code] text` (see errors.ts), which the bridge turns back into an
 * AppError.
 */
import type { ColumnMapping, CatchUpPolicy, Connection, ConnectorSettings, PropertyDefinition, PropertyType, Schedule } from './model.ts';
import type { Delimiter, Run, TextEncoding } from './model.ts';
import type { AreaApis } from './api/index.ts';

export interface WorkerInit {
  /** Identifies the calling tab, so the page can tell whether its own worker runs the schedules. */
  tabId: string;
  databaseName: string;
  /** Seeds the demo connection on first start. Test builds can turn it off. */
  seedDemo: boolean;
  /** Test builds only: start a controlled clock at this instant unless one is stored already. */
  controlledClockStartMs: number | null;
  /** Absolute URL of the demo CSV file, fetched on first start. */
  demoCsvUrl: string;
  /** Set when the page restarted a worker that stopped answering; its running run is then marked failed. */
  restartReason: string | null;
  /**
   * Training mode: `databaseName` is the training database, the clock is the training clock, the scheduler
   * lock is training mode's own, and requests to outside systems are recorded instead of sent.
   */
  training?: boolean;
}

export interface NewPropertyRequest {
  id: string;
  label: string;
  type: PropertyType;
}

export interface ConnectionInput {
  name: string;
  description: string;
  settings: ConnectorSettings;
  schedule: Schedule | null;
  /** Properties to create before the mapping refers to them. */
  newProperties?: NewPropertyRequest[];
  timeLimitMs?: number;
  maxRetries?: number;
  catchUp?: CatchUpPolicy;
}

export interface ConnectionPatch {
  name?: string;
  description?: string;
  settings?: ConnectorSettings;
  newProperties?: NewPropertyRequest[];
  timeLimitMs?: number;
  maxRetries?: number;
  catchUp?: CatchUpPolicy;
}

export interface FileInspection {
  fileName: string;
  size: number;
  headers: string[];
  delimiter: ',' | ';' | '\t';
  sampleRows: string[][];
  suggestedMapping: ColumnMapping[];
}

export interface RunNowResponse {
  runId: number;
  kind: 'queued' | 'moved-to-head' | 'follow-up-queued';
  position: number;
}

/**
 * The worker's API: the core commands below, plus one interface per area in `contract/api/`. Each area's
 * methods are implemented in `worker/api/<area>.ts` and merged into one object in `worker/index.ts`.
 */
export interface WorkerApi extends CoreApi, AreaApis {}

/** A run's end that storage refused to save; the executor writes it again until it succeeds. */
export interface UnsavedRunEnding {
  runId: number;
  changes: Pick<Run, 'state' | 'endedAtMs' | 'errorMessage' | 'summary'>;
}

export interface WorkerHealth {
  isStorageFull: boolean;
  unsavedEndings: UnsavedRunEnding[];
}

export interface CoreApi {
  init(options: WorkerInit): Promise<void>;
  ping(): Promise<number>;
  /** What the page should warn about: storage that refuses writes in the scheduling tab. */
  getHealth(): Promise<WorkerHealth>;
  /** Wakes the scheduler, for example when the tab becomes visible again. */
  wake(): Promise<void>;

  inspectFile(request: { file: Blob; fileName: string; encoding: TextEncoding; delimiter: Delimiter }): Promise<FileInspection>;
  /** `file`: the file a file import stores (a Blob), or links to on the device (a file handle). */
  createConnection(request: { input: ConnectionInput; file: Blob | FileSystemFileHandle | null; fileName: string | null; enabled: boolean }): Promise<Connection>;
  updateConnection(request: { id: string; patch: ConnectionPatch }): Promise<Connection>;
  storeFile(request: { id: string; file: Blob; fileName: string }): Promise<Connection>;
  setConnectionEnabled(request: { id: string; enabled: boolean }): Promise<Connection>;
  saveSchedule(request: { id: string; schedule: Schedule }): Promise<Connection>;
  deleteConnection(request: { id: string }): Promise<void>;
  addPropertyDefinition(request: PropertyDefinition): Promise<void>;

  runNow(request: { id: string; testRun?: boolean }): Promise<RunNowResponse>;
  stopRun(request: { runId: number }): Promise<boolean>;
  cancelRun(request: { runId: number }): Promise<boolean>;

  /** Test builds only: the controlled clock. */
  setClock(request: { nowMs: number }): Promise<void>;
  advanceClock(request: { byMs: number }): Promise<number>;
  getClock(): Promise<number>;
  /** Test builds only: refuse writes with QuotaExceededError once `bytes` more are written; null lifts it. */
  setWriteBudget(request: { bytes: number | null }): Promise<void>;
}
