// Secrets Hearth makes for itself the first time it starts, kept in the database so that every
// process (and every restart) agrees on them.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { newSecret } from './secrets.ts';
import { instanceSecrets } from './schema.ts';

export async function instanceSecret(db: Db, name: string): Promise<string> {
  await db.insert(instanceSecrets).values({ name, value: newSecret() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSecrets).where(eq(instanceSecrets.name, name));
  return row!.value;
}
