import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { keyFingerprint, pseudonymKeyPath } from '../aggregate/pseudonymise.js';
import type { SubmitOptions } from '../queue/submit-run.js';
import { ensureDataFolder, resolveDataFolder } from '../runtime/data-folder.js';
import { hashFile } from '../runtime/hash-file.js';
import { InputError } from '../runs/input-files.js';
import { runLayout } from '../runs/run-layout.js';
import type { Manifest } from '../types/contracts.js';
import { wholeNumber } from './option-parsers.js';

export interface RerunPlan {
  manifest: Manifest;
  submit: Omit<SubmitOptions, 'runsDir'>;
  /** Why the rerun cannot give the same files: a changed or missing input, a changed codebook. */
  problems: string[];
  /** What may make outputs differ without stopping the rerun (another pseudonym key). */
  warnings: string[];
}

/**
 * Everything needed to repeat a run from its directory: the inputs named in manifest.json (each
 * checked against its recorded sha256), the run's own codebook.yaml (checked too) and the recorded
 * settings. `dataRoot` is the data folder the rerun writes to (for the pseudonym key).
 */
export async function planRerun(runDir: string, dataRoot: string): Promise<RerunPlan> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new InputError(`rerun: ${runDir} has no readable manifest.json: only a finished run can be repeated`);
  }
  if (manifest.merged_from) throw new InputError(`rerun: ${runDir} is a merged dataset; rerun the runs it combines and merge again`);
  const problems: string[] = [];
  const warnings: string[] = [];
  const { loadCodebook } = await import('../codebook/load-codebook.js');
  const codebook = await loadCodebook(runLayout.codebook(runDir));
  if (codebook.sha256 !== manifest.codebook.sha256) problems.push(`codebook.yaml in ${runDir} has changed since the run (sha256 was ${manifest.codebook.sha256}, now ${codebook.sha256})`);
  for (const input of manifest.inputs) {
    const exists = await access(input.path).then(() => true, () => false);
    if (!exists) {
      problems.push(`input ${input.file} is missing: ${input.path}`);
      continue;
    }
    if (input.sha256 === null) continue;
    const { sha256 } = await hashFile(input.path);
    if (sha256 !== input.sha256) problems.push(`input ${input.file} has changed since the run: ${input.path} (sha256 was ${input.sha256}, now ${sha256})`);
  }
  const settings = manifest.settings;
  if (settings.pseudonymised) {
    const keyFile = pseudonymKeyPath(dataRoot);
    const key = await readFile(keyFile, 'utf8').then((hex) => Buffer.from(hex.trim(), 'hex'), () => null);
    if (key === null || keyFingerprint(key) !== settings.pseudonym_key_fingerprint) warnings.push(`the pseudonym key of ${dataRoot} is not the one the run used (${key === null ? 'there is none yet' : 'another fingerprint'}): the pseudonyms will differ`);
  }
  const submit: Omit<SubmitOptions, 'runsDir'> = {
    files: manifest.inputs.map((i) => i.path),
    codebook,
    batchSize: settings.batch_size,
    ...(settings.mapping ? { mapping: settings.mapping } : {}),
    ...(settings.period ? { period: settings.period } : {}),
    ...(settings.alliance_window_days !== undefined ? { allianceWindowDays: settings.alliance_window_days } : {}),
    excel: settings.excel === true,
    pseudonymise: settings.pseudonymised === true,
    noText: settings.no_text === true,
  };
  return { manifest, submit, problems, warnings };
}

/** Output files of the rerun that differ from the original's (by sha256); Excel workbooks carry their creation time and are left out. */
export async function compareRerun(original: Manifest, newRunDir: string): Promise<{ codedPostsIdentical: boolean; differing: string[] }> {
  const differing: string[] = [];
  for (const output of original.outputs) {
    if (output.file.endsWith('.xlsx')) continue;
    const now = await hashFile(join(newRunDir, output.file)).then((h) => h.sha256, () => null);
    if (now !== output.sha256) differing.push(output.file);
  }
  return { codedPostsIdentical: !differing.includes('coded_posts.csv'), differing };
}

export interface RerunCommandOptions {
  data?: string;
  workers: number;
}

/** `ctacode rerun <run_dir>`: exit code 0 when the run was repeated and coded_posts.csv came out identical. */
export async function rerunCommand(runDirArgument: string, options: RerunCommandOptions): Promise<number> {
  const runDir = resolve(runDirArgument);
  // By default the rerun goes into the data folder of the original run (<data>/runs/<run_id>), which holds its pseudonym key.
  const folder = resolveDataFolder(options.data ?? dirname(dirname(runDir)));
  await ensureDataFolder(folder);
  const plan = await planRerun(runDir, folder.root);
  if (plan.problems.length > 0) {
    for (const problem of plan.problems) process.stderr.write(`ctacode: ${problem}\n`);
    process.stderr.write(`ctacode: rerun of ${plan.manifest.run_id} not started: it would not repeat the run\n`);
    return 1;
  }
  for (const warning of plan.warnings) process.stderr.write(`ctacode: warning: ${warning}\n`);
  const { executeRun } = await import('./execute-run.js');
  const result = await executeRun(folder, async () => plan.submit, { workerCount: options.workers, codebookFile: runLayout.codebook(runDir) });
  const { codedPostsIdentical, differing } = await compareRerun(plan.manifest, result.runDir);
  const original = plan.manifest.outputs.find((o) => o.file === 'coded_posts.csv')?.sha256 ?? '?';
  if (codedPostsIdentical) process.stderr.write(`ctacode: rerun of ${plan.manifest.run_id}: coded_posts.csv is identical (sha256 ${original})${differing.length > 0 ? `; differing: ${differing.join(', ')}` : ''}\n`);
  else process.stderr.write(`ctacode: rerun of ${plan.manifest.run_id}: coded_posts.csv DIFFERS from the original (sha256 ${original}); differing files: ${differing.join(', ')}\n`);
  process.stdout.write(`${result.runDir}\n`);
  return codedPostsIdentical && result.status === plan.manifest.status ? 0 : 1;
}


export function registerRerunCommand(program: Command): void {
  program
    .command('rerun')
    .description('Repeat a run from its manifest (same inputs, checked by sha256; the run\'s own codebook.yaml; the same settings) and check that coded_posts.csv comes out identical; prints the new run directory as its last line')
    .argument('<run_dir>', 'run directory with manifest.json and codebook.yaml')
    .option('--data <dir>', 'data folder for the new run (default: the data folder of the original run)')
    .option('--workers <n>', 'coding batches processed at once: 1 codes in this process; N > 1 adds N-1 coding threads', wholeNumber(1), 1)
    .addHelpText('after', '\nExit code 0 when coded_posts.csv is byte-identical to the original; 1 when an input changed (named on stderr) or the output differs.')
    .action(async (runDir: string, options: RerunCommandOptions) => {
      process.exitCode = await rerunCommand(runDir, options);
    });
}
