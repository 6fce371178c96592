/**
 * The method objects of each area, merged into the API the worker exposes. Each area's file exports a
 * factory that takes the worker's context and returns its methods.
 */
import type { AreaApis } from '../../contract/api/index.ts';
import type { WorkerContext } from '../context.ts';

export function createAreaApis(context: WorkerContext): AreaApis {
  void context;
  return {};
}
