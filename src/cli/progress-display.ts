import cliProgress from 'cli-progress';
import type { RunProgress } from '../queue/wait-for-run.js';

export interface ProgressDisplay {
  update(progress: RunProgress): void;
  stop(): void;
}

const WRITING = 'every post is coded; writing coded_posts.csv and the tables\n';

/** A progress bar on a terminal; elsewhere (CI, logs, pipes) a plain line every few seconds. */
export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr, plainEveryMs = 5000): ProgressDisplay {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: 'coding [{bar}] {value}/{total} posts | {percentage}% | {duration_formatted}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(0, 0);
    let writing = false;
    return {
      update: ({ queued, coded, aggregating }) => {
        if (writing) return;
        bar.setTotal(queued);
        bar.update(coded);
        if (aggregating) {
          writing = true;
          bar.stop();
          stream.write(WRITING);
        }
      },
      stop: () => {
        if (!writing) bar.stop();
      },
    };
  }
  let lastLine = '';
  let lastAt = 0;
  return {
    update: ({ queued, coded, aggregating }) => {
      if (aggregating) {
        if (lastLine !== WRITING) stream.write(WRITING);
        lastLine = WRITING;
        return;
      }
      const line = `coded ${coded.toLocaleString('en-US')} of ${queued.toLocaleString('en-US')} posts read so far`;
      if (queued > 0 && line !== lastLine && Date.now() - lastAt >= plainEveryMs) {
        stream.write(`${line}\n`);
        lastLine = line;
        lastAt = Date.now();
      }
    },
    stop: () => undefined,
  };
}
