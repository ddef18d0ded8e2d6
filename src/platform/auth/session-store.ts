// Sessions live in the database, so they survive a restart and can be ended from the server.
import { eq, lt, sql } from 'drizzle-orm';
import type { FastifySessionObject, SessionStore } from '@fastify/session';
import type { Db } from '../db/client.ts';
import { sha256Hex } from './secrets.ts';
import { sessions } from './schema.ts';

const DEFAULT_LIFETIME_MS = 8 * 60 * 60 * 1000;

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: FastifySessionObject | null) => void;

export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  set(sessionId: string, session: unknown, callback: Callback): void {
    const data = JSON.parse(JSON.stringify(session)) as { cookie?: { expires?: string } };
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + DEFAULT_LIFETIME_MS);
    this.db
      .insert(sessions)
      .values({ idHash: sha256Hex(sessionId), data, expiresAt })
      .onConflictDoUpdate({ target: sessions.idHash, set: { data, expiresAt } })
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, sha256Hex(sessionId)))
      .then(
        ([row]) => callback(null, row && row.expiresAt > new Date() ? (row.data as FastifySessionObject) : null),
        (error) => callback(error),
      );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.db
      .delete(sessions)
      .where(eq(sessions.idHash, sha256Hex(sessionId)))
      .then(() => callback(), callback);
  }

  async removeExpired(now = new Date()): Promise<void> {
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
  }
}

/** Ends every session a person has (a new password locks out whoever knew the old one); how many it ended. */
export async function endSessionsOf(db: Db, userId: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(sql`${sessions.data}->>'userId' = ${userId}`)
    .returning({ idHash: sessions.idHash });
  return ended.length;
}
