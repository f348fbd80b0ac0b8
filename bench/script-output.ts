import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * What a Node.js script printed, run in a process of its own (`args`: node's flags, the script and
 * its arguments; its errors go to this process's stderr). `what` names the script and what it
 * ran on, for the error when it exits with anything but 0.
 */
export async function scriptOutput(args: readonly string[], what: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${what} exited with code ${code}: its error is printed above`);
  return output;
}
