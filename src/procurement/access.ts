// Who may use procurement's pages and API operations, by role (the services decide which records).
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';

/** Vehicles: any member of staff, and providers' users (the vehicles open to them). */
export const VEHICLE_READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
/** A tender's bids and scores: those who run it, and the applying providers (each its own). */
export const TENDER_READERS: readonly Role[] = [...TENDER_ROLES, 'provider_user'];
/** Setting a vehicle up and changing it: the lead organisation's commissioners and administrators. */
export const MANAGERS: readonly Role[] = ['commissioner', 'administrator'];
/** Deciding a tender reads its scores: commissioners only. */
export const DECIDERS: readonly Role[] = ['commissioner'];
export const APPLICANTS: readonly Role[] = ['provider_user'];
