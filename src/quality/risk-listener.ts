// Rates again, at once, the services of providers whose records another part changed: an embargo
// placed or lifted from brokerage's pages, a CQC rating imported. Those parts cannot import quality
// (it imports them), so they tell the platform's registry and quality listens there. Importing
// this module puts the listener in force: quality's index.ts does, for the app and the server, and
// so must any command that changes such records without loading the app.
import { onProvidersChanged } from '../platform/changes.ts';
import { rateProviders } from './risk-run-service.ts';

onProvidersChanged((db, { organisationId, providerIds }) => rateProviders(db, organisationId, providerIds));
