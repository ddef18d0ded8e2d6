// What brokerage tells people, queued in the same transaction as what happened: providers offered
// work, brokerage when a provider answers, commissioners when an off-framework purchase needs
// approval. Messages say what happened and link to the page; nothing about the person placed.
import type { Tx } from '../platform/db/client.ts';
import {
  offerAnswered,
  offerLapsing,
  offerMade,
  offFrameworkApprovalRequested,
} from '../notifications/domain/messages.ts';
import { queueNotification } from '../notifications/service.ts';
import { organisationsByIds } from '../organisations/service.ts';
import { providerNames } from '../providers/service.ts';
import { paths } from './paths.ts';

const organisationName = async (tx: Tx, organisationId: string) =>
  (await organisationsByIds(tx, [organisationId])).get(organisationId)?.name ?? 'The council';

const providerName = async (tx: Tx, providerId: string) =>
  (await providerNames(tx, [providerId])).get(providerId) ?? 'The provider';

/** Each provider offered the work at a step is told, with the last day to answer. */
export async function tellProvidersOffered(
  tx: Tx,
  organisationId: string,
  offers: readonly { id: string; providerId: string; respondBy: string }[],
): Promise<void> {
  if (offers.length === 0) return;
  const council = await organisationName(tx, organisationId);
  const names = await providerNames(
    tx,
    offers.map((offer) => offer.providerId),
  );
  for (const offer of offers)
    await queueNotification(tx, {
      event: `offer-made:${offer.id}`,
      organisationId,
      recipients: { providerUsersOf: offer.providerId },
      message: offerMade({
        organisationName: council,
        providerName: names.get(offer.providerId) ?? 'Your organisation',
        lastDay: offer.respondBy,
        page: paths.offer(offer.id),
      }),
    });
}

/** A provider that has not answered by the morning of its last day is reminded, once. */
export async function remindProvidersOnLastDay(
  tx: Tx,
  offers: readonly { id: string; organisationId: string; providerId: string; respondBy: string }[],
): Promise<number> {
  // The names each message needs, read once for the run rather than once an offer, one after the other.
  const councils = await organisationsByIds(
    tx,
    offers.map((offer) => offer.organisationId),
  );
  const providers = await providerNames(
    tx,
    offers.map((offer) => offer.providerId),
  );
  let queued = 0;
  for (const offer of offers)
    queued += await queueNotification(tx, {
      event: `offer-lapsing:${offer.id}`,
      organisationId: offer.organisationId,
      recipients: { providerUsersOf: offer.providerId },
      message: offerLapsing({
        organisationName: councils.get(offer.organisationId)?.name ?? 'The council',
        providerName: providers.get(offer.providerId) ?? 'Your organisation',
        lastDay: offer.respondBy,
        page: paths.offer(offer.id),
      }),
    });
  return queued;
}

/** The organisation's brokerage officers are told a provider has answered an offer. */
export async function tellBrokerageAnswered(
  tx: Tx,
  offer: { id: string; organisationId: string; providerId: string; referralId: string },
  answer: 'accepted' | 'declined',
): Promise<void> {
  await queueNotification(tx, {
    event: `offer-answered:${offer.id}`,
    organisationId: offer.organisationId,
    recipients: { organisation: offer.organisationId, role: 'brokerage_officer' },
    message: offerAnswered({
      providerName: await providerName(tx, offer.providerId),
      answer,
      page: paths.referral(offer.referralId),
    }),
  });
}

/** The organisation's commissioners are asked to approve an off-framework purchase. */
export async function askCommissionersToApprove(
  tx: Tx,
  referral: { id: string; organisationId: string },
  providerId: string,
  requestedAt: Date,
): Promise<void> {
  await queueNotification(tx, {
    // A referral may be asked about again after a refusal: each request is its own message.
    event: `off-framework-request:${referral.id}:${requestedAt.toISOString()}`,
    organisationId: referral.organisationId,
    recipients: { organisation: referral.organisationId, role: 'commissioner' },
    message: offFrameworkApprovalRequested({
      providerName: await providerName(tx, providerId),
      page: paths.referral(referral.id),
    }),
  });
}
