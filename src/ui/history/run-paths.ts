/** Addresses of the run screens, for links and navigation. */

export function connectionPath(connectionId: string): string {
  return `/connections/${encodeURIComponent(connectionId)}`;
}

export function runDetailPath(connectionId: string, runNumber: number): string {
  return `${connectionPath(connectionId)}/runs/${runNumber}`;
}
