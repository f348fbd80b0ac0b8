import { Redis } from 'ioredis';

/**
 * A Redis connection for BullMQ. Workers need `maxRetriesPerRequest: null` so that their blocking
 * commands wait out a Redis restart instead of failing the job they hold.
 */
export function openConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);

/** Whether an error only says that Redis is (for now) out of reach; ioredis reconnects on its own. */
export function isConnectionError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && connectionErrorCodes.has(code)) || /Connection is closed|connect ECONN|Stream isn't writeable/.test(error.message);
}

/**
 * One line when Redis goes out of reach and one when it is back, instead of an error per
 * reconnection attempt: commands wait (maxRetriesPerRequest: null) and go through once it answers.
 */
export function reportOutages(connection: Redis, report: (message: string, lost: boolean) => void): void {
  let lost = false;
  connection.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    report(`lost the connection to Redis (${(error as NodeJS.ErrnoException).code ?? error.message}); waiting for it to come back`, true);
  });
  connection.on('ready', () => {
    if (!lost) return;
    lost = false;
    report('Redis answers again; carrying on', false);
  });
}

/** Whether something answers PING at `url` within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
