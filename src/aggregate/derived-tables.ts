import { join } from 'node:path';
import type { FileDigest } from '../runtime/hash-file.js';
import type { OutputFileRecord } from '../types/contracts.js';
import { accountColumns, AccountTable, type AccountNetworkMeasures } from './account-table.js';
import { allianceColumns, AllianceTable } from './alliance-table.js';
import type { CodebookOutline } from './coded-post-columns.js';
import { dictionaryColumns, dictionaryEntries, type DictionaryEntry } from './data-dictionary.js';
import { writeExcelCopies } from './excel-copies.js';
import { edgeColumns, gexfNodeColumns, NetworkBuilder, writeGexf } from './network.js';
import type { OutputOptions } from './output-options.js';
import { periodColumns, PeriodTable } from './period-table.js';
import { accountKey, type PostFacts } from './post-facts.js';
import type { SharedTargets } from './shared-targets.js';
import { columnInfo, type ColumnInfo, type TableColumn } from './table-column.js';
import { writeCsv } from './write-csv.js';

/** An output file that has been written, with its digest for the manifest. */
export interface WrittenFile {
  file: string;
  digest: FileDigest;
}

/** A CSV that has been written: its columns (for the dictionary and the Excel copy) and rows. Plain data: it may come from another thread. */
export interface WrittenTable extends WrittenFile {
  columns: readonly ColumnInfo[];
  rows: number;
}

/** What LinkTables wrote: its two tables, network.gexf, and each account's network measures. */
export interface LinkTablesWritten {
  tables: WrittenTable[];
  network: WrittenFile;
  /** By accountKey. */
  measures: Map<string, AccountNetworkMeasures>;
}

/**
 * The tables of what accounts do: accounts.csv and periods.csv. Posts are added one at a time;
 * memory holds one tally per account and per period × platform.
 */
export class AccountTables {
  private readonly accounts: AccountTable;
  private readonly periods: PeriodTable;

  constructor(private readonly codebook: CodebookOutline, private readonly options: Pick<OutputOptions, 'period'>) {
    this.accounts = new AccountTable(codebook);
    this.periods = new PeriodTable(options.period);
  }

  /** `key`: the post's accountKey (the same string in every table). */
  add(facts: PostFacts, key: string): void {
    this.accounts.add(facts, key);
    this.periods.add(facts);
  }

  /**
   * Writes the tables into `dir`; `measures`: each account's place in the network (LinkTables),
   * asked for once periods.csv is written and the accounts are sorted, so that the link thread
   * can still be at work meanwhile.
   */
  async write(dir: string, measures: () => Promise<ReadonlyMap<string, AccountNetworkMeasures>>): Promise<WrittenTable[]> {
    const periods = await writtenTable(dir, 'periods.csv', periodColumns(this.codebook, this.options.period), this.periods.sorted());
    const accounts = this.accounts.sorted();
    const known = await measures();
    for (const account of accounts) account.network = known.get(account.key);
    return [await writtenTable(dir, 'accounts.csv', accountColumns(this.codebook), accounts), periods];
  }
}

/**
 * The tables of what links accounts: alliances.csv, network_edges.csv and network.gexf. Posts are
 * added one at a time; memory holds one tally per target × day × account and per network edge.
 * A run of 100,000 rows or more builds them in a thread of their own (link-thread.ts), beside
 * AccountTables.
 */
export class LinkTables {
  private readonly alliances: AllianceTable;
  private readonly network: NetworkBuilder;

  /** `shared`: the targets two or more accounts used, from a first pass (see SharedTargets); null keeps every target. */
  constructor(private readonly codebook: CodebookOutline, private readonly options: Pick<OutputOptions, 'allianceWindowDays'>, shared: SharedTargets | null) {
    this.alliances = new AllianceTable(options.allianceWindowDays, shared);
    this.network = new NetworkBuilder(shared);
  }

  /** `key`: the post's accountKey. */
  add(facts: PostFacts, key: string): void {
    this.alliances.add(facts, key);
    this.network.add(facts, key);
  }

  /** `measuresReady`: told each account's network measures once the network is built, before any file is written. */
  async write(dir: string, measuresReady: (measures: LinkTablesWritten['measures']) => void = () => undefined): Promise<LinkTablesWritten> {
    const network = this.network.build();
    measuresReady(network.accountMeasures);
    const tables = [
      await writtenTable(dir, 'alliances.csv', allianceColumns(this.options.allianceWindowDays), this.alliances.alliances(this.codebook.categories.map((c) => c.id))),
      await writtenTable(dir, 'network_edges.csv', edgeColumns(this.codebook), network.edges),
    ];
    const gexf = await writeGexf(join(dir, 'network.gexf'), network, this.codebook, `Accounts, the CTA targets they use and the accounts they mention; codebook ${this.codebook.id} ${this.codebook.version}. Attributes are described in data_dictionary.csv.`);
    return { tables, network: { file: 'network.gexf', digest: gexf }, measures: network.accountMeasures };
  }
}

/**
 * Every table built from the post stream, in one thread: AccountTables and LinkTables together
 * (ctacode merge).
 */
export class DerivedTables {
  private readonly accounts: AccountTables;
  private readonly links: LinkTables;

  constructor(private readonly codebook: CodebookOutline, private readonly options: OutputOptions, shared: SharedTargets | null) {
    this.accounts = new AccountTables(codebook, options);
    this.links = new LinkTables(codebook, options, shared);
  }

  add(facts: PostFacts): void {
    const key = accountKey(facts);
    this.accounts.add(facts, key);
    this.links.add(facts, key);
  }

  /** Writes the tables into `dir`, and network.gexf, which is not a table. */
  async write(dir: string): Promise<{ tables: WrittenTable[]; network: WrittenFile }> {
    const links = await this.links.write(dir);
    const accounts = await this.accounts.write(dir, async () => links.measures);
    return { tables: [...accounts, ...links.tables], network: links.network };
  }
}

async function writtenTable<Row>(dir: string, file: string, columns: TableColumn<Row>[], rows: Iterable<Row>): Promise<WrittenTable> {
  return { file, columns: columns.map(columnInfo), ...(await writeCsv(join(dir, file), columns, rows)) };
}

/** Dictionary entries of network.gexf: node attributes (node:…) and edge attributes (edge:…). */
function gexfEntries(codebook: CodebookOutline): DictionaryEntry[] {
  const entry = (column: string, c: ColumnInfo): DictionaryEntry => ({ file: 'network.gexf', column, type: c.type, description: c.description, values: c.values ?? '' });
  return [
    ...gexfNodeColumns.map((c) => entry(c.name, c)),
    ...edgeColumns(codebook).map((c) => entry(`edge:${c.name}`, c)),
  ];
}

/**
 * Writes data_dictionary.csv (every column of every table, network.gexf's attributes included),
 * the --excel copies, and lists every output with rows, sha256 and bytes in a fixed order: the
 * tables, the other files, the copies. The digests are those taken as the files were written.
 */
export async function finishOutputs(dir: string, codebook: CodebookOutline, tables: readonly WrittenTable[], options: Pick<OutputOptions, 'excel'>, others: readonly WrittenFile[]): Promise<OutputFileRecord[]> {
  const columns = Object.fromEntries(tables.map((t) => [t.file, t.columns]));
  const entries = [...dictionaryEntries(columns), ...(others.some((o) => o.file === 'network.gexf') ? gexfEntries(codebook) : [])];
  const dictionary: WrittenTable = { file: 'data_dictionary.csv', columns: dictionaryColumns.map(columnInfo), ...(await writeCsv(join(dir, 'data_dictionary.csv'), dictionaryColumns, entries)) };
  const all = [...tables, dictionary];
  const excel = options.excel ? await writeExcelCopies(dir, all) : [];
  const record = ({ file, digest }: WrittenFile, rows: number | null): OutputFileRecord => ({ file, rows, sha256: digest.sha256, bytes: digest.bytes });
  return [...all.map((t) => record(t, t.rows)), ...others.map((o) => record(o, null)), ...excel.map((copy) => record(copy, copy.rows))];
}
