// What a part of Hearth tells the app about itself: its navigation, pages, API operations, the
// history rules for its records and its scheduled jobs. Each part exports one of these from its
// index.ts; src/parts.ts lists them, and the app and the server loop over that list.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from './db/client.ts';
import type { HistoryRule } from './audit/history.ts';
import type { ApiOperation } from './http/api.ts';
import type { PageRoute } from './http/page.ts';
import type { NavigationItem } from './http/pages.ts';
import type { Job } from './jobs/scheduler.ts';
import type { WorkSource } from './work/work.ts';

/** What a part's pages and operations are built with. */
export interface PartContext {
  db: Db;
  config: Pick<Config, 'oidc' | 'ocidPrefix'> & Partial<Pick<Config, 'publicUrl'>>;
}

export interface Part {
  /** The part's folder under src/. */
  name: string;
  navigation?: readonly NavigationItem[];
  /** The part's pages, declared (see http/page.ts), so they can be listed with who may use them. */
  pages?(context: PartContext): PageRoute[];
  /** Routes that are not declared pages: signing in, which is public. */
  routes?(app: FastifyInstance, context: PartContext): Promise<void> | void;
  api?(context: PartContext): ApiOperation[];
  /** For each kind of record the part owns, who may see its history and what of it. */
  history?: Record<string, HistoryRule>;
  jobs?: readonly Job[];
  /** What needs each person today, for their home page (see work/work.ts). */
  work?(context: PartContext): WorkSource;
}
