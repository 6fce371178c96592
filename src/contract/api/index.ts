/**
 * The worker API of each area, merged into `WorkerApi`. Add an area by creating `<area>.ts` here with an
 * interface, and extending it below.
 */
// biome-ignore lint/suspicious/noEmptyInterface: areas extend this as they are added.
export interface AreaApis {}
