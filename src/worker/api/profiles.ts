/** The profile store's methods: property definitions. See `contract/api/profiles.ts`. */
import type { ProfilesApi } from '../../contract/api/profiles.ts';
import type { WorkerContext } from '../context.ts';
import { changePropertyType, checkPropertyTypeChange, createPropertyDefinition, renamePropertyDefinition } from '../property-definitions.ts';

export function createProfilesApi(context: WorkerContext): ProfilesApi {
  return {
    async createPropertyDefinition(request) {
      return createPropertyDefinition((await context.ready()).db, request);
    },
    async renamePropertyDefinition(request) {
      return renamePropertyDefinition((await context.ready()).db, request);
    },
    async checkPropertyTypeChange(request) {
      return checkPropertyTypeChange((await context.ready()).db, request);
    },
    async changePropertyType(request) {
      return changePropertyType((await context.ready()).db, request);
    },
  };
}
