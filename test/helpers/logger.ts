import pino from 'pino';

/** A silent logger for tests (set CASARE_TEST_LOG=debug to see robot logs). */
export const testLog = pino({ level: process.env.CASARE_TEST_LOG ?? 'silent' });
