import { describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../../../src/cli/progress-display.js';

function plainStream(): { stream: NodeJS.WriteStream; lines: string[] } {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('progress display off a terminal', () => {
  it('writes a line per change of the counts, then says once that the run files are being written', () => {
    const { stream, lines } = plainStream();
    const display = createProgressDisplay(stream, 0);
    display.update({ queued: 0, coded: 0, aggregating: false });
    display.update({ queued: 2000, coded: 1000, aggregating: false });
    display.update({ queued: 2000, coded: 1000, aggregating: false });
    display.update({ queued: 2000, coded: 2000, aggregating: true });
    display.update({ queued: 2000, coded: 2000, aggregating: true });
    expect(lines).toEqual(['coded 1,000 of 2,000 posts read so far\n', 'every post is coded; writing coded_posts.csv and the tables\n']);
  });
});
