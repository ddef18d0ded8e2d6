// The embedded database on disk answers a commit only once it has asked the disk to keep it.
import { after, test, mock } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from './client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'hearth-embedded-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('on a data directory, fsync is on and each commit is flushed to the disk before it is answered', async () => {
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const setting = async (name: string) =>
      ((await database.db.execute(sql.raw(`show ${name}`))) as unknown as { rows: Record<string, string>[] }).rows[0]![
        name
      ];
    assert.equal(await setting('fsync'), 'on');
    assert.equal(await setting('wal_sync_method'), 'fsync', 'the one sync call that reaches the file system');
    assert.equal(await setting('synchronous_commit'), 'on');
    await database.db.execute(sql`create table probe (n int)`);

    const flushes = mock.method(fs, 'fsyncSync');
    syncBuiltinESMExports();
    try {
      await database.db.execute(sql`select count(*) from probe`);
      assert.equal(flushes.mock.callCount(), 0, 'a read flushes nothing');
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into probe values (1)`);
        await tx.execute(sql`insert into probe values (2)`);
      });
      assert.equal(flushes.mock.callCount(), 1, 'one flush for the commit');
    } finally {
      flushes.mock.restore();
      syncBuiltinESMExports();
    }
  } finally {
    await database.close();
  }
});
