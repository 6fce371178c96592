/**
 * Copies the configuration of the real database into the training database, replacing what was there. Only
 * configuration is copied: connections, stored files, property definitions and consent objectives. Profiles,
 * runs, logs, missed runs, overrides, notifications and file handles stay behind, so training never touches
 * them, and schedule marks and run numbers start afresh.
 */
import type { TrainingConnectionNote, TrainingCopyReport, TrainingSpeed } from '../../contract/api/training.ts';
import type { Connection, StoredFile } from '../../contract/model.ts';
import { SYSTEM_REAL_TIME, type ScaledClockState } from '../../domain/scaled-clock.ts';
import type { RunlaneDb } from '../../storage/db.ts';
import { createLogger } from '../log.ts';
import { TRAINING_CLOCK_KEY } from './training-clock.ts';
import { toTrainingSettings } from './training-connectors.ts';

const log = createLogger('training');

export const TRAINING_SESSION_KEY = 'training-session';
/** Marks the training database as seeded, so that the demo is never seeded into it. */
const DEMO_SEEDED_KEY = 'demo-seeded';

interface CopiedConnection {
  connection: Connection;
  file: StoredFile | null;
  note: TrainingConnectionNote | null;
}

/** Copies the configuration of `source` into `target` and starts the training clock at `startMs`. */
export async function copyConfigurationToTraining(source: RunlaneDb, target: RunlaneDb, startMs: number, speed: TrainingSpeed): Promise<TrainingCopyReport> {
  const [connections, definitions, objectives] = await Promise.all([
    source.connections.orderBy('name').toArray(),
    source.propertyDefinitions.toArray(),
    source.consentObjectives.toArray(),
  ]);
  const copies: CopiedConnection[] = [];
  for (const connection of connections) copies.push(await copyConnection(source, connection, startMs));
  const report: TrainingCopyReport = {
    startedAtMs: startMs,
    connectionCount: copies.length,
    propertyDefinitionCount: definitions.length,
    consentObjectiveCount: objectives.length,
    notes: copies.flatMap((copy) => (copy.note ? [copy.note] : [])),
  };
  const clockState: ScaledClockState = { baseMs: startMs, realAtMs: SYSTEM_REAL_TIME.nowMs(), speed, paused: false };
  await target.transaction('rw', target.tables, async () => {
    for (const table of target.tables) await table.clear();
    await target.propertyDefinitions.bulkPut(definitions);
    await target.consentObjectives.bulkPut(objectives);
    await target.connections.bulkPut(copies.map((copy) => copy.connection));
    await target.files.bulkPut(copies.flatMap((copy) => (copy.file ? [copy.file] : [])));
    await target.meta.bulkPut([
      { key: DEMO_SEEDED_KEY, value: startMs },
      { key: TRAINING_SESSION_KEY, value: report },
      { key: TRAINING_CLOCK_KEY, value: clockState },
    ]);
  });
  log.info('configuration copied to the training database', { connections: copies.length, notes: report.notes.length });
  return report;
}

async function copyConnection(source: RunlaneDb, connection: Connection, startMs: number): Promise<CopiedConnection> {
  const training = toTrainingSettings(connection);
  let file = (await source.files.get(connection.id)) ?? null;
  let isSwitchedOff = training.kind === 'switched-off';
  let note = training.note;
  if (training.kind === 'snapshot-linked-file') {
    file = await snapshotLinkedFile(source, connection, startMs);
    if (!file) {
      isSwitchedOff = true;
      note = 'Its linked file could not be read (the browser may ask for permission again), so it is OFF in training.';
    }
  }
  const enabled = connection.enabled && !isSwitchedOff;
  const copied: Connection = {
    ...connection,
    settings: training.settings,
    description: note ? `Training mode: ${note} ${connection.description}`.trim() : connection.description,
    enabled,
    // Due times before the training started are not runs of the training.
    scheduleMarkMs: enabled ? startMs : null,
    nextRunNumber: 1,
  };
  return {
    connection: copied,
    file,
    note: note ? { connectionId: connection.id, name: connection.name, note, isSwitchedOff } : null,
  };
}

/** Reads a linked file's current contents once, as the stored copy training runs read. */
async function snapshotLinkedFile(source: RunlaneDb, connection: Connection, startMs: number): Promise<StoredFile | null> {
  const row = await source.fileHandles.get(connection.id);
  if (!row) return null;
  try {
    const file = await row.handle.getFile();
    return { connectionId: connection.id, name: file.name, size: file.size, type: file.type, storedAtMs: startMs, blob: file };
  } catch (error) {
    log.warn('a linked file could not be read for training', { connectionId: connection.id, error });
    return null;
  }
}
