// Brokerage's clock work: offers nobody answered in time lapse, and their referrals move on; on an
// offer's last day its provider is reminded.
import type { Job } from '../platform/jobs/scheduler.ts';
import { lapseOverdueOffers, remindOnLastDay } from './cascade-service.ts';
import { bringTodaysPricesInForce } from './placement-price-service.ts';

export const offerDeadlineJob: Job = {
  name: 'offer-deadlines',
  // Deadlines are whole days: a check every quarter hour catches each soon after midnight.
  pattern: '*/15 * * * *',
  run: async (db) =>
    `${await lapseOverdueOffers(db)} unanswered offers lapsed, ${await remindOnLastDay(db)} providers reminded on the last day`,
};

export const priceChangeJob: Job = {
  name: 'price-changes',
  // A price agreed from a later date (an April uplift approved in March) becomes the placement's
  // own price on that date.
  pattern: '10 0 * * *',
  run: async (db) => `${await bringTodaysPricesInForce(db)} placements took a new price today`,
};
