/** Words for run states and queue answers, shared by the history, the overview and the queue panel. */
import type { Run } from '../contract/model.ts';
import type { RunNowResponse } from '../contract/worker-api.ts';

const STATE_LABELS: Record<Run['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  stopping: 'Stopping',
  finished: 'Finished',
  failed: 'Failed',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

export function stateLabel(run: Pick<Run, 'state' | 'warningCount'>): string {
  if (run.state === 'finished' && run.warningCount > 0) return 'Finished with warnings';
  return STATE_LABELS[run.state];
}

export function describeRunNow(connectionName: string, result: RunNowResponse): string {
  const where = result.position === 1 ? 'at the head of the queue' : `at position ${result.position} of the queue`;
  if (result.kind === 'moved-to-head') return `"${connectionName}" was already queued; its run moved ${where}.`;
  if (result.kind === 'follow-up-queued') return `"${connectionName}" is running; one more run is queued ${where} and starts when it ends.`;
  return `"${connectionName}" is queued ${where}. Runs execute one at a time.`;
}
