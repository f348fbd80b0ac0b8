import { stat } from 'node:fs/promises';
import { UnrecoverableError } from 'bullmq';
import { ExportFileError, type RowResult } from '../formats/export-file.js';
import type { RejectedRow } from './job-types.js';

/** Size and modification time: a file still being written changes them while it is read. */
export interface FileState {
  size: number;
  mtimeMs: number;
}

export async function fileState(path: string, name: string): Promise<FileState> {
  try {
    const { size, mtimeMs } = await stat(path);
    return { size, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ExportFileError(name, 'the file is gone: it was moved or deleted before it could be read');
    throw error;
  }
}

export const sameState = (a: FileState, b: FileState): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The error for a file whose size or time changed between two reads of it. */
export const changedWhileRead = (name: string): UnrecoverableError =>
  new UnrecoverableError(`${name}: the file changed while it was being read (still being written?); code it again once it is complete`);

/** A file the user must fix is not retried: the error says what is wrong with it. */
export async function asUserError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ExportFileError) throw new UnrecoverableError(error.message);
    throw error;
  }
}

/** A row the file's reader rejected, as kept for rejected_rows.csv. */
export const rejectedRowOf = (fileName: string, { line, reason, raw }: Extract<RowResult, { kind: 'rejected' }>): RejectedRow => ({ file: fileName, line, reason, raw });
