/** The consent objectives' worker API. */
import type { ConsentApi } from '../../contract/api/consent.ts';
import { addConsentObjective, deleteConsentObjective, renameConsentObjective } from '../consent-objectives.ts';
import type { WorkerContext } from '../context.ts';

export function createConsentApi(context: WorkerContext): ConsentApi {
  return {
    addConsentObjective: async (request) => addConsentObjective((await context.ready()).db, request),
    renameConsentObjective: async (request) => renameConsentObjective((await context.ready()).db, request),
    deleteConsentObjective: async (request) => deleteConsentObjective((await context.ready()).db, request),
  };
}
