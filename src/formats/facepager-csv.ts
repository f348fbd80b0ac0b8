/**
 * Facepager CSV exports: `;`-separated, every cell quoted, starting with Facepager's own node
 * columns (`path, id, parent_id, level, object_id, object_type, query_status, query_time,
 * query_type`) followed by the columns the user chose to export. See FORMATS.md 9 (bonus).
 *
 * The user's columns are found the way the generic reader finds them; Facepager's node columns
 * are kept out of that search, except `object_id`, which is the post's id on the platform.
 * Only nodes of type `data` are posts: seed nodes (the queried pages) and offcuts are rejected
 * with a reason, so every row is still accounted for.
 */
import { cellAt, textOrNull } from './cell-values.js';
import { RowError, type CsvFormat, type RowMapper, type RowMapperContext } from './csv-format.js';
import { ExportFileError } from './export-file.js';
import { genericCsv } from './generic-csv.js';

const FORMAT_ID = 'facepager-csv';
const NODE_COLUMNS = ['path', 'id', 'parent_id', 'level', 'object_id', 'object_type', 'query_status', 'query_time', 'query_type'];
/** `Facebook:<page>/posts`, `YouTube:search`, `Twitter:…`: the module before the colon names the platform. */
const PLATFORMS: Readonly<Record<string, string>> = { facebook: 'facebook', youtube: 'youtube', twitter: 'twitter', instagram: 'instagram', reddit: 'reddit', threads: 'threads' };

export const facepagerCsv: CsvFormat = {
  id: FORMAT_ID,
  label: 'Facepager CSV export',
  kind: 'csv',
  matchesHeader: (header) => NODE_COLUMNS.slice(0, 7).every((name) => header.includes(name)),
  createRowMapper(header: readonly string[], context: RowMapperContext): RowMapper {
    // The user's columns through the generic reader: node columns hidden, object_id as the post id.
    const userHeader = header.map((name) => (name === 'object_id' ? 'post_id' : NODE_COLUMNS.includes(name) ? '' : name));
    const userColumns = header.filter((name) => !NODE_COLUMNS.includes(name));
    let mapGeneric: RowMapper;
    try {
      mapGeneric = genericCsv.createRowMapper(userHeader, context);
    } catch (error) {
      if (!(error instanceof ExportFileError)) throw error;
      throw new ExportFileError(context.fileName, `this Facepager export has no column with the post text among the exported columns (${userColumns.join(', ') || 'none'}): add the text field (e.g. message) to the columns in Facepager and export again, or write a mapping file (ctacode mapping init writes one to edit)`);
    }
    const objectType = header.indexOf('object_type');
    const queryType = header.indexOf('query_type');
    return (record, line) => {
      const type = record[objectType]!.trim();
      if (type !== 'data') throw new RowError(`Facepager ${type === '' ? 'node without object_type' : `${JSON.stringify(type)} node`}, not a fetched post`);
      const post = mapGeneric(record, line);
      const module = textOrNull(cellAt(record, queryType))?.split(':')[0]?.toLowerCase();
      if (post.platform === 'unknown' && module !== undefined && PLATFORMS[module] !== undefined) post.platform = PLATFORMS[module];
      post.source = { ...post.source, format: FORMAT_ID };
      return post;
    };
  },
};
