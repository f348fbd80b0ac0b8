import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/types/contracts.js';
import { createHarness, type Harness } from '../support/pipeline-harness.js';
import { csvRows, writeFixtureExports } from './outputs-fixture.js';

async function filesOf(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) found.push(...(await filesOf(join(dir, entry.name))));
    else found.push(join(dir, entry.name));
  }
  return found;
}

describe('--pseudonymise and --no-text', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
    harness.startWorkers();
  });
  afterEach(async () => {
    await harness.dispose();
  });

  it('replaces ids, handles, names and mentions in every file with keyed hashes, keeps the key outside the run, and drops the text', async () => {
    const files = await writeFixtureExports(harness.dataDir);
    const result = await harness.run(files, { pseudonymise: true, noText: true });
    expect(result.status).toBe('completed');
    const keyFile = join(harness.dataDir, 'keys', 'pseudonym.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const key = (await readFile(keyFile, 'utf8')).trim();

    const manifest = JSON.parse(await readFile(join(result.runDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.settings).toMatchObject({ pseudonymised: true, no_text: true });
    expect(manifest.settings.pseudonym_key_fingerprint).toMatch(/^[0-9a-f]{16}$/);

    const names = /climatenow|cityparty|harbourcyclists|greenmum|evilpage|Climate Now|City Party|7533944086|273864989376427|9000000000000000001|coal mine/i;
    for (const file of await filesOf(result.runDir)) {
      if (file.endsWith('codebook.yaml')) continue;
      const text = await readFile(file, 'utf8');
      expect(text.includes(key), `${file} holds the key`).toBe(false);
      expect(text, file).not.toMatch(names);
    }
    const coded = csvRows(await readFile(join(result.runDir, 'coded_posts.csv')));
    expect(Object.keys(coded[0]!)).not.toContain('text');
    expect(coded[0]!.account_id).toMatch(/^[0-9a-f]{16}$/);
    expect(coded[0]!.url).toBe('');
    expect(coded[0]!.cta_evidence).toMatch(/^petition\/\w+/);
    expect(coded[0]!.cta_evidence).not.toContain('"');
    // The mention of @cityparty and the cityparty account get the same pseudonym, so the network still joins them.
    const cityParty = coded.find((r) => r.post_id === '1016000000000000003')!;
    expect(coded[0]!.mentions).toBe(cityParty.account_handle);
    const edges = csvRows(await readFile(join(result.runDir, 'network_edges.csv')));
    expect(edges).toContainEqual(expect.objectContaining({ source: `account:facebook:${coded[0]!.account_id}`, target: `account:facebook:${cityParty.account_id}`, edge_kind: 'mention' }));
    const alliances = csvRows(await readFile(join(result.runDir, 'alliances.csv')));
    expect(alliances[0]!.accounts).toBe('3');

    // A second run of the same data folder uses the same key: the same pseudonyms.
    const again = await harness.run(files, { pseudonymise: true });
    const second = csvRows(await readFile(join(again.runDir, 'coded_posts.csv')));
    expect(second.map((r) => r.account_id)).toEqual(coded.map((r) => r.account_id));
    expect(second[0]!.text).toContain('Sign the petition');
  });
});
