/**
 * Demo system: a simulated CRM, standing in for a Salesforce connection. It generates its records from the
 * seed and the run number and feeds them to the same import pipeline as files (prepareRow, then
 * commitBatch), so Checked, Added, Updated, Unchanged, Skipped, Failed and Blocked count exactly as for a
 * file. The run's time is spread over its batches on the run's clock, and it needs no network.
 */
import { AppError } from '../../contract/errors.ts';
import type { ColumnMapping, ConsentObjective, DemoCrmSettings, PropertyDefinition } from '../../contract/model.ts';
import { DEMO_CONSENT_OBJECTIVE, DEMO_CRM_COLUMNS, DEMO_CRM_PROPERTIES, demoCrmRecord } from '../../domain/demo-crm-data.ts';
import { isWithinPercent } from '../../domain/seeded-random.ts';
import { commitBatch, createImportRunState } from '../../worker/import/import-batch.ts';
import { planImport, prepareRow, type ImportPlan, type PreparedRow } from '../../worker/import/row-rules.ts';
import { pluralise } from '../../worker/export/export-batch.ts';
import type { Connector, RunContext, SettingsProblem } from '../connector.ts';
import { checkDemoCommon, checkPercent, MAX_DEMO_PROFILES } from './demo-settings.ts';

/** Records per batch transaction; smaller than a file's batches, so a demonstration shows progress. */
export const DEMO_CRM_BATCH_ROWS = 100;

/** Returns the demo CRM's mapping: each column to the property of the same id, plus the consent column. */
export function demoCrmMapping(): ColumnMapping[] {
  const properties = DEMO_CRM_PROPERTIES.map((property): ColumnMapping => ({ column: property.id, propertyId: property.id, isIdentifier: property.id === 'email' }));
  return [...properties, { column: DEMO_CONSENT_OBJECTIVE.id, propertyId: '', isIdentifier: false, consentObjectiveId: DEMO_CONSENT_OBJECTIVE.id }];
}

/** True when attempt `attempt` of run `runNumber` meets a simulated time-out. */
export function hasCrmFailure(settings: DemoCrmSettings, runNumber: number, attempt: number): boolean {
  return isWithinPercent(settings.failurePercent, settings.seed, 'crm-failure', runNumber, attempt);
}

export const demoCrmConnector: Connector<DemoCrmSettings> = {
  validateSettings(settings): SettingsProblem[] {
    const problems = checkDemoCommon(settings);
    if (!Number.isInteger(settings.profileCount) || settings.profileCount < 0 || settings.profileCount > MAX_DEMO_PROFILES) {
      problems.push({ field: 'profileCount', message: `Number of profiles is ${String(settings.profileCount)}: use a whole number from 0 to 1,000,000.` });
    }
    problems.push(...checkPercent('changedPercent', 'Share changed between runs', settings.changedPercent));
    return problems;
  },
  async run(context) {
    const settings = context.connection.settings as DemoCrmSettings;
    const { definitions, objectives } = await ensureDemoSchema(context);
    const plan = planImport(
      DEMO_CRM_COLUMNS,
      { mapping: demoCrmMapping(), numberFormat: '1,234.5', emptyCellsClear: false, requiredConsent: settings.requiredConsent },
      definitions,
      { consentObjectives: objectives },
    );
    context.log.info(`Reading ${pluralise(settings.profileCount, 'record')} from the demo CRM (seed ${settings.seed}, run ${context.run.number}); nothing leaves this browser.`);
    await importDemoRecords(context, settings, plan);
  },
};

async function importDemoRecords(context: RunContext, settings: DemoCrmSettings, plan: ImportPlan): Promise<void> {
  const { clock, signal } = context;
  const state = createImportRunState(context.isTestRun);
  const batchCount = Math.max(1, Math.ceil(settings.profileCount / DEMO_CRM_BATCH_ROWS));
  const waitPerBatchMs = Math.floor(settings.runDurationMs / batchCount);
  const failAtBatch = hasCrmFailure(settings, context.run.number, context.run.attempt) ? Math.floor(batchCount / 2) : -1;
  for (let batch = 0; batch < batchCount; batch++) {
    await clock.sleepUntil(clock.nowMs() + waitPerBatchMs, signal);
    if (batch === failAtBatch) {
      throw new AppError('remote-timeout', `The demo CRM did not respond within 30 s while sending batch ${batch + 1} of ${batchCount} (simulated failure).`);
    }
    const rows: PreparedRow[] = [];
    const end = Math.min(settings.profileCount, (batch + 1) * DEMO_CRM_BATCH_ROWS);
    for (let index = batch * DEMO_CRM_BATCH_ROWS; index < end; index++) {
      // Line numbers are those of a CSV export of the records: the header is line 1.
      const line = index + 2;
      rows.push(prepareRow({ line, lastLine: line, fields: demoCrmRecord(settings, index, context.run.number), problem: null }, plan));
    }
    signal.throwIfAborted();
    const isLast = batch === batchCount - 1;
    await commitBatch(context, plan, rows, state, isLast ? (totals) => context.log.info(`Read ${pluralise(totals.checked + totals.skipped, 'record')} from the demo CRM.`) : undefined);
  }
}

/**
 * Returns the property definitions and consent objectives to plan with. The demo CRM's own ones are added
 * to the store when missing; a test run writes nothing, so it plans with them in memory.
 */
async function ensureDemoSchema(context: RunContext): Promise<{ definitions: PropertyDefinition[]; objectives: ConsentObjective[] }> {
  const { db } = context;
  return db.transaction('rw', db.propertyDefinitions, db.consentObjectives, async () => {
    const definitions = await db.propertyDefinitions.toArray();
    const objectives = await db.consentObjectives.toArray();
    const missingDefinitions = DEMO_CRM_PROPERTIES.filter((property) => !definitions.some((definition) => definition.id === property.id)).map(
      (property): PropertyDefinition => ({ ...property }),
    );
    const missingObjectives = objectives.some((objective) => objective.id === DEMO_CONSENT_OBJECTIVE.id) ? [] : [{ ...DEMO_CONSENT_OBJECTIVE }];
    if (missingDefinitions.length > 0 || missingObjectives.length > 0) {
      const names = [...missingDefinitions.map((definition) => definition.label), ...missingObjectives.map((objective) => `consent objective ${objective.label}`)];
      context.log.info(`${context.isTestRun ? 'The test run assumes' : 'Added'} the demo CRM's ${names.join(', ')}, which the profile store lacked.`);
      if (!context.isTestRun) {
        await db.propertyDefinitions.bulkAdd(missingDefinitions);
        await db.consentObjectives.bulkAdd(missingObjectives);
      }
    }
    return { definitions: [...definitions, ...missingDefinitions], objectives: [...objectives, ...missingObjectives] };
  });
}
