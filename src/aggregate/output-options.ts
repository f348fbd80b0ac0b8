import type { RunSpec } from '../queue/job-types.js';

/** How a run's tables are written: the run options that shape the outputs (recorded in the manifest). */
export type PeriodUnit = 'day' | 'week' | 'month';

export interface OutputOptions {
  /** Rows of periods.csv: UTC day, ISO week (Monday) or calendar month. */
  period: PeriodUnit;
  /** alliances.csv: the most calendar days between consecutive uses of a target within one alliance. */
  allianceWindowDays: number;
  /** Also write Excel-friendly copies (excel/<table>.csv with a BOM and excel/<table>.xlsx). */
  excel: boolean;
  /** Replace account ids, handles, names and mentions by keyed hashes; the key file lives outside the run. */
  pseudonymKeyFile: string | null;
  /** Drop post text, evidence text and raw rejected rows. */
  noText: boolean;
}

export const defaultOutputOptions: OutputOptions = { period: 'day', allianceWindowDays: 7, excel: false, pseudonymKeyFile: null, noText: false };

export const periodUnits: readonly PeriodUnit[] = ['day', 'week', 'month'];

/** The output options of a run, defaults filled in. */
export function outputOptionsOf(spec: RunSpec): OutputOptions {
  return {
    period: spec.period ?? defaultOutputOptions.period,
    allianceWindowDays: spec.allianceWindowDays ?? defaultOutputOptions.allianceWindowDays,
    excel: spec.excel ?? false,
    pseudonymKeyFile: spec.pseudonymKeyFile ?? null,
    noText: spec.noText ?? false,
  };
}
