// Today's work: what each part says needs the signed-in person, shown on their home page. Each
// part answers for the roles it knows; every query is bounded (a count and the first few items,
// soonest deadline first), so home answers quickly however large the database grows.
import type { CurrentUser } from '../auth/current-user.ts';

/** How many items a queue shows on the home page; the rest are behind its link. */
export const WORK_ITEMS_SHOWN = 5;

export interface WorkItem {
  /** What needs doing, in words (a person's name never: the page it links to shows that). */
  text: string;
  href: string;
  /** The date it must be done by (YYYY-MM-DD), where there is one. */
  due?: string | null;
  /** How the due date reads after the item: "start by", "answer by"; "by" unless said. */
  dueWords?: string;
  /** A short second line: the stage it is at, who it is from. */
  hint?: string;
}

export interface WorkQueue {
  /** Stable, for tests and anchors: "brokerage.offers-lapsing". */
  key: string;
  title: string;
  /** Every item in the queue, not just those shown. */
  count: number;
  /** The first WORK_ITEMS_SHOWN items, soonest due first. */
  items: WorkItem[];
  /** The page with the whole queue. */
  href?: string;
}

/** A part's queues for one person: only those that apply to their roles, empty ones included. */
export type WorkSource = (user: CurrentUser) => Promise<WorkQueue[]>;
