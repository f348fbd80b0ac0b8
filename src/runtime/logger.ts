import { join } from 'node:path';
import { pino, type Logger, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Folder for ctacode.log (JSON lines, everything from `info` up). Omit to log nowhere on disk. */
  logDir?: string;
  /** Human-readable lines on stderr from this level up; `silent` for none. */
  consoleLevel?: pino.LevelWithSilent;
}

/**
 * JSON to a log file for later reading and support, human-readable on the terminal. Both go through
 * pino streams in this thread, not transports, so that nothing is lost when the CLI exits at once.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const streams: StreamEntry[] = [];
  if (options.logDir) {
    streams.push({ level: 'info', stream: pino.destination({ dest: join(options.logDir, 'ctacode.log'), mkdir: true, sync: true }) });
  }
  const consoleLevel = options.consoleLevel ?? 'silent';
  if (consoleLevel !== 'silent') {
    streams.push({ level: consoleLevel, stream: pretty({ destination: 2, colorize: process.stderr.isTTY, ignore: 'pid,hostname', sync: true }) });
  }
  if (streams.length === 0) return pino({ level: 'silent' });
  return pino({ level: 'info', base: { pid: process.pid } }, pino.multistream(streams));
}
