/**
 * The export formats ctacode reads, and which one a file is in. CSV formats are told apart by
 * their header line; JSON formats (documents and NDJSON) by the layout and key paths of a sample
 * of the file (JsonSample); formats of other kinds (xlsx) join the ExportFormat union with their
 * own `kind` and their own way of being recognised.
 */
import type { ColumnMapping } from '../types/contracts.js';
import { apifyInstagram } from './apify-instagram.js';
import { apifyTiktok } from './apify-tiktok.js';
import { bluesky } from './bluesky.js';
import type { CsvFormat } from './csv-format.js';
import { csvFormats } from './csv-formats.js';
import { genericCsv } from './generic-csv.js';
import { genericJson } from './generic-json.js';
import type { JsonFormat, JsonSample } from './json-format.js';
import { mastodon } from './mastodon.js';
import { telegramDesktop } from './telegram-desktop.js';
import { tiktokResearch } from './tiktok-research.js';
import { twarc2Jsonl } from './twarc2-jsonl.js';
import { youtubeDataApi } from './youtube-data-api.js';
import { zeeschuimer } from './zeeschuimer.js';

export type ExportFormat = CsvFormat | JsonFormat;

/**
 * The JSON formats, most specific first: a file is read as the first that recognises its sample.
 * Zeeschuimer wraps TikTok and Instagram objects, so it is asked before the formats of those.
 * The generic reader takes any JSON, so it comes last.
 */
export const jsonFormats: readonly JsonFormat[] = [
  zeeschuimer, twarc2Jsonl, tiktokResearch, apifyInstagram, apifyTiktok, telegramDesktop, youtubeDataApi, bluesky, mastodon, genericJson,
];

export const EXPORT_FORMATS: readonly ExportFormat[] = [...csvFormats, ...jsonFormats];

/**
 * The format of a CSV file with this header. A mapping names the columns for the generic reader,
 * so a file read with a mapping is generic CSV whatever its header.
 */
export function detectCsvFormat(header: readonly string[], mapping?: ColumnMapping): CsvFormat {
  if (mapping !== undefined) return genericCsv;
  return csvFormats.find((format) => format.kind === 'csv' && format.matchesHeader(header)) ?? genericCsv;
}

/**
 * The format of a JSON file with this sample, and where its items are. With a mapping the file is
 * generic JSON, as with CSV.
 */
export function detectJsonFormat(sample: JsonSample, mapping?: ColumnMapping): { format: JsonFormat; items: readonly string[] } {
  const candidates = mapping === undefined ? jsonFormats : [genericJson];
  for (const format of candidates) {
    const items = format.detect(sample);
    if (items !== null) return { format, items };
  }
  return { format: genericJson, items: genericJson.detect(sample) ?? [''] };
}

/** Labels of the specific JSON formats, for the message about a JSON file none of them fits. */
export function specificJsonFormatLabels(): string[] {
  return jsonFormats.filter((format) => format !== genericJson).map((format) => format.label);
}

/** Labels of the specific CSV formats (all but the generic fallback), for "formats tried" in messages. */
export function specificCsvFormatLabels(): string[] {
  return csvFormats.filter((format) => format !== genericCsv).map((format) => format.label);
}
