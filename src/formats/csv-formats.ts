import { apifyInstagramCsv } from './apify-instagram-csv.js';
import { apifyTiktokCsv } from './apify-tiktok-csv.js';
import { crowdtangleFacebook } from './crowdtangle-facebook.js';
import { crowdtangleInstagram } from './crowdtangle-instagram.js';
import type { CsvFormat } from './csv-format.js';
import { facepagerCsv } from './facepager-csv.js';
import { fourcatCsv } from './fourcat-csv.js';
import { genericCsv } from './generic-csv.js';
import { metaContentLibrary } from './meta-content-library.js';
import { twarc1Csv } from './twarc1-csv.js';
import { twarcCsv } from './twarc-csv.js';
import { youtubeDataToolsComments, youtubeDataToolsVideos } from './youtube-data-tools.js';

/**
 * The CSV formats, most specific first: a file is read as the first whose header matches. The
 * generic reader accepts any header with a text column, so it comes last.
 *
 * 4CAT comes before YouTube Data Tools and Apify because 4CAT's imports of those keep their
 * original columns next to its own (`id, thread_id, body, author, timestamp, unix_timestamp`).
 */
export const csvFormats: readonly CsvFormat[] = [
  crowdtangleFacebook,
  crowdtangleInstagram,
  metaContentLibrary,
  twarcCsv,
  twarc1Csv,
  fourcatCsv,
  facepagerCsv,
  apifyInstagramCsv,
  apifyTiktokCsv,
  youtubeDataToolsVideos,
  youtubeDataToolsComments,
  genericCsv,
];
