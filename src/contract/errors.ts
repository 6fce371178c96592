/** Closed list of expected failures. The UI maps each code to user text in ui/messages.ts. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'connection-running'
  | 'file-empty'
  | 'file-not-text'
  | 'file-encoding'
  | 'file-no-header'
  | 'file-duplicate-header'
  | 'file-missing-columns'
  | 'mapping-no-identifier'
  | 'storage-quota'
  | 'db-blocked'
  | 'run-timeout'
  | 'run-stopped'
  | 'worker-unresponsive'
  | 'worker-crashed'
  | 'network-unreachable'
  | 'remote-server-error'
  | 'remote-timeout'
  | 'offline'
  | 'property-type-conflict'
  | 'run-in-progress'
  | 'remote-cors'
  | 'remote-rejected'
  | 'folder-permission'
  | 'file-invalid-json'
  | 'file-permission';

/** Failures that another attempt may overcome; configuration and data problems are not among them. */
export const TRANSIENT_ERROR_CODES: readonly ErrorCode[] = ['network-unreachable', 'remote-server-error', 'remote-timeout'];

/** The shape an expected failure has when it crosses the worker boundary. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message };
  }
}

/** Rebuilds an AppError from a value thrown across Comlink, which keeps only name and message. */
export function toAppError(value: unknown): AppError | null {
  if (value instanceof AppError) return value;
  if (value && typeof value === 'object' && 'message' in value) {
    const message = String((value as { message: unknown }).message);
    const match = /^\[([a-z-]+)\] ([\s\S]*)$/.exec(message);
    if (match) return new AppError(match[1] as ErrorCode, match[2]);
  }
  return null;
}
