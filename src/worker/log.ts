/** The worker's developer log. Debug lines appear only in development builds; no user content goes here. */
type Details = unknown;

export interface Logger {
  debug(message: string, details?: Details): void;
  info(message: string, details?: Details): void;
  warn(message: string, details?: Details): void;
  error(message: string, details?: Details): void;
}

const isDebugEnabled = (import.meta.env?.DEV ?? false) && import.meta.env?.MODE !== 'test';

export function createLogger(area: string): Logger {
  const prefix = `[${area}]`;
  /* eslint-disable no-console -- this module is the one place that writes to the console */
  return {
    debug: (message, details) => {
      if (isDebugEnabled) console.debug(prefix, message, details ?? '');
    },
    info: (message, details) => {
      if (isDebugEnabled) console.info(prefix, message, details ?? '');
    },
    warn: (message, details) => console.warn(prefix, message, details ?? ''),
    error: (message, details) => console.error(prefix, message, details ?? ''),
  };
}
