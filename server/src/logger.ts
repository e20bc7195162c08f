/** The process-wide structured logger (pino, JSON lines on stdout). */
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'buurtkracht' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Never let credentials reach the logs, whatever a later route decides to log.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}
