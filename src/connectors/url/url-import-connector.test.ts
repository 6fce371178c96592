// Dexie reads the IndexedDB globals when it loads, so the fake ones must exist before any module imports it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import type { UrlImportSettings } from '../../contract/model.ts';
import { createImportFixture, readLogMessages, readProfiles, readRun, startRun, type ImportFixture } from '../../worker/import/test-context.ts';
import type { HttpEnvironment } from './fetch-file.ts';
import { createUrlImportConnector } from './url-import-connector.ts';

const SECRET = 'Bearer s3cret-token';

function urlSettings(overrides: Partial<UrlImportSettings> = {}): UrlImportSettings {
  return {
    connector: 'url-import',
    url: 'https://crm.example.com/export/customers.json?api_key=k3y',
    requestHeaders: [{ name: 'Authorization', value: SECRET }],
    format: 'json',
    layout: 'array',
    delimiter: 'auto',
    encoding: 'utf-8',
    numberFormat: '1,234.5',
    emptyCellsClear: false,
    mapping: [
      { column: 'email', propertyId: 'email', isIdentifier: true },
      { column: 'age', propertyId: 'age', isIdentifier: false },
    ],
    headers: ['email', 'age'],
    requiredConsent: null,
    ...overrides,
  };
}

async function createUrlFixture(settings: UrlImportSettings): Promise<ImportFixture> {
  const fixture = await createImportFixture();
  fixture.connection.settings = settings;
  await fixture.db.connections.put(fixture.connection);
  return fixture;
}

function serving(body: string, seen: RequestInit[] = []): HttpEnvironment {
  return {
    appOrigin: 'https://runlane.example',
    isOnline: () => true,
    fetch: async (_url, init) => {
      seen.push(init);
      return new Response(body, { headers: { 'content-type': 'application/json' } });
    },
  };
}

describe('url import connector', () => {
  it('imports the response without logging secrets', async () => {
    const fixture = await createUrlFixture(urlSettings());
    const seen: RequestInit[] = [];
    const body = '[{"email": "a@x.org", "age": 36}, {"email": "b@x.org", "age": "x"}]';
    const connector = createUrlImportConnector(() => serving(body, seen));
    const { context, runId } = await startRun(fixture);
    await connector.run(context);

    expect((await readRun(fixture, runId)).counters).toMatchObject({ checked: 2, added: 1, failed: 1 });
    expect(seen[0].headers).toEqual([['Authorization', SECRET]]);
    const messages = await readLogMessages(fixture, runId);
    expect(messages[0]).toBe('Requesting GET https://crm.example.com/export/customers.json?api_key=… with the request header Authorization (values hidden).');
    expect(messages).toContain(`Downloaded ${body.length} bytes (application/json).`);
    expect(messages).toContain(`Reading the response of https://crm.example.com/export/customers.json?api_key=… (${body.length} bytes), JSON array, encoding UTF-8.`);
    expect(messages.join('\n')).not.toContain('s3cret');
    expect(messages.join('\n')).not.toContain('k3y');
    expect((await readProfiles(fixture)).get('a@x.org')?.properties.age).toBe(36);
  });

  it('reads CSV responses with the chosen delimiter', async () => {
    const fixture = await createUrlFixture(urlSettings({ format: 'csv', delimiter: ';', requestHeaders: [] }));
    const connector = createUrlImportConnector(() => serving('email;age\na@x.org;1\n'));
    const { context, runId } = await startRun(fixture);
    await connector.run(context);
    expect((await readRun(fixture, runId)).counters).toMatchObject({ checked: 1, added: 1 });
  });

  it('fails a cut-off response without writing', async () => {
    const fixture = await createUrlFixture(urlSettings());
    const connector = createUrlImportConnector(() => serving('[{"email": "a@x.org", "age": 1}, {"email": "b@'));
    const { context, runId } = await startRun(fixture);
    const error = await connector.run(context).catch((reason: unknown) => reason);
    expect((error as AppError).code).toBe('file-invalid-json');
    expect(await fixture.db.profiles.count()).toBe(0);
    expect((await readRun(fixture, runId)).counters.checked).toBe(0);
  });

  it('validates the address and the headers', () => {
    const connector = createUrlImportConnector();
    expect(connector.validateSettings(urlSettings({ url: 'file:///etc/passwd' }))[0].field).toBe('url');
    expect(connector.validateSettings(urlSettings({ requestHeaders: [{ name: 'Host', value: 'x' }] }))[0].field).toBe('requestHeaders');
    expect(connector.validateSettings(urlSettings())).toEqual([]);
  });
});
