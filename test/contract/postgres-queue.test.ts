import { PostgresJobQueue } from '../../src/queue/postgres/queue.js';
import { driverName, openTestDb } from '../helpers/db.js';
import { describeJobQueueContract } from './job-queue.contract.js';

describeJobQueueContract(`PostgreSQL backend (${driverName} driver)`, async (opts) => {
  const t = await openTestDb();
  return {
    queue: new PostgresJobQueue(t.db, opts),
    async otherQueues(n) {
      const out = [];
      for (let i = 0; i < n; i++) out.push(new PostgresJobQueue(await t.openAnother({ max: 1 }), opts));
      return out;
    },
    close: () => t.close(),
  };
});
