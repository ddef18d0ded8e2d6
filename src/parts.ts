// Every part of Hearth, in the order of the navigation. Adding a part is one line here.
import { brokeragePart } from './brokerage/index.ts';
import { notificationsPart } from './notifications/index.ts';
import { openDataPart } from './open-data/index.ts';
import { organisationsPart } from './organisations/index.ts';
import { pricingPart } from './pricing/index.ts';
import { procurementPart } from './procurement/index.ts';
import { providersPart } from './providers/index.ts';
import { qualityPart } from './quality/index.ts';
import { recordsPart } from './records/index.ts';
import type { Part } from './platform/part.ts';

export const PARTS: readonly Part[] = [
  providersPart,
  procurementPart,
  brokeragePart,
  pricingPart,
  qualityPart,
  recordsPart,
  notificationsPart,
  organisationsPart,
  openDataPart,
];
