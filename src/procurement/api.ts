// JSON API for procurement vehicles: the same service as the pages.
import { z } from 'zod';
import type { Db } from '../platform/db/client.ts';
import { ANY_STAFF, type Role } from '../platform/domain/roles.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { freeText } from '../platform/http/input.ts';
import {
  membershipChangeInput,
  documentUploadInput,
  resubmissionInput,
  agreedScoreInput,
  awardInput,
  clarificationAnswerInput,
  clarificationInput,
  contractStartInput,
  declarationInput,
  tierConfirmInput,
  scoreInput,
  stageDecisionInput,
  answerInput,
  applicationFilterInput,
  applicationLotsInput,
  lotGridInput,
  pricesInput,
  questionInput,
  statusChangeInput,
  vehicleFilterInput,
  vehicleInput,
} from './input.ts';
import * as applications from './application-service.ts';
import * as applicationView from './application-view-service.ts';
import * as documents from './application-document-service.ts';
import { TENDER_ROLES } from './domain/procurement-sight.ts';
import * as evaluation from './evaluation-service.ts';
import * as evaluationSummary from './evaluation-summary-service.ts';
import * as tiers from './tier-service.ts';
import * as award from './award-service.ts';
import * as awardLetters from './award-letter-service.ts';
import { vehicleOcds } from './ocds-service.ts';
import * as clarifications from './clarification-service.ts';
import * as service from './service.ts';
import * as vehicleList from './vehicle-list-service.ts';

const READERS: readonly Role[] = [...ANY_STAFF, 'provider_user'];
/** A tender's bids and scores: those who run it, and the applying providers (each its own). */
const TENDER_READERS: readonly Role[] = [...TENDER_ROLES, 'provider_user'];
const MANAGERS: readonly Role[] = ['commissioner', 'administrator'];
/** Deciding a tender reads its scores: commissioners only. */
const DECIDERS: readonly Role[] = ['commissioner'];
const APPLICANTS: readonly Role[] = ['provider_user'];
const reasonQuery = z.object({ reason: freeText().trim().max(500).optional() });

export function procurementApi(db: Db, settings: { ocidPrefix: string }): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/vehicles',
      tag: 'Procurement',
      access: READERS,
      query: vehicleFilterInput,
      summary: 'Procurement vehicles',
      description:
        'Staff see the vehicles their organisation leads or is a partner in; a provider user sees the vehicles open to applications now, from every organisation. search matches the name or reference.',
      success: { status: 200, description: 'a page of vehicles: items, total, page, pageSize, pages' },
      handle: async ({ user, query }) => vehicleList.listVehicles(db, user, query),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}',
      tag: 'Procurement',
      access: READERS,
      summary: 'A vehicle with its partners, zones (and Tier 1 places) and lots',
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to see' },
      handle: async ({ user, params }) => service.getVehicle(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles',
      tag: 'Procurement',
      access: MANAGERS,
      body: vehicleInput,
      summary: 'Set up a vehicle (as a draft) led by your organisation',
      description:
        "valuePence is the estimated total value in pence. partners name organisations by code (an NHS body's ODS code) with their funding share in percent. A tiered vehicle needs tier1Places for each zone, maxTier1ZonesPerProvider, qualityThreshold and allocationRule.",
      success: { status: 201, description: 'the vehicle' },
      errors: { 409: 'Your organisation already has a vehicle with that reference' },
      handle: async ({ user, body }) => service.createVehicle(db, user, body),
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/vehicles/{id}',
      tag: 'Procurement',
      access: MANAGERS,
      body: vehicleInput.partial(),
      query: reasonQuery,
      summary:
        "Change a vehicle's settings: only the fields sent change; zones and partners, when sent, replace the lists",
      success: { status: 200, description: 'the vehicle as changed' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, request, query }) =>
        service.patchVehicle(db, user, params.id!, request.body as Record<string, unknown>, query.reason),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/lots',
      tag: 'Procurement',
      access: MANAGERS,
      body: lotGridInput,
      summary: "Set a draft vehicle's lots to every combination of the zones, need bands and service types given",
      success: { status: 200, description: 'the vehicle with its lots' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.setLots(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/status',
      tag: 'Procurement',
      access: MANAGERS,
      body: statusChangeInput,
      summary: 'Move a vehicle on: open it to applications, into evaluation, standstill, live, or close it',
      success: { status: 200, description: 'the vehicle' },
      errors: { 404: 'No such vehicle, or not yours to change' },
      handle: async ({ user, params, body }) => service.changeVehicleStatus(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/questions',
      tag: 'Procurement',
      access: READERS,
      summary: "The vehicle's selection (pass or fail) and quality (scored) questions",
      success: { status: 200, description: 'the questions, in order' },
      handle: async ({ user, params }) => applications.listQuestions(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/questions',
      tag: 'Procurement',
      access: MANAGERS,
      body: questionInput,
      summary: 'Add a question to a draft vehicle: quality questions need a word limit and a weighting',
      success: { status: 201, description: 'the question' },
      handle: async ({ user, params, body }) => applications.addQuestion(db, user, params.id!, body),
    }),
    operation({
      method: 'DELETE',
      path: '/api/v1/vehicles/{id}/questions/{questionId}',
      tag: 'Procurement',
      access: MANAGERS,
      summary: 'Remove a question from a draft vehicle',
      success: { status: 204, description: 'removed' },
      handle: async ({ user, params }) => applications.removeQuestion(db, user, params.id!, params.questionId!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/applications',
      tag: 'Applications',
      access: APPLICANTS,
      summary: "Start your provider's application to a vehicle taking applications (or return to it)",
      success: { status: 201, description: 'the application' },
      errors: { 404: 'No such vehicle taking applications' },
      handle: async ({ user, params }) => applications.startApplication(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications',
      tag: 'Applications',
      access: TENDER_READERS,
      query: applicationFilterInput,
      summary:
        "Applications: a provider user's own provider's; staff see their organisation's vehicles' submitted applications",
      success: { status: 200, description: 'a page of applications' },
      handle: async ({ user, query }) => applicationView.listApplications(db, user, query),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}',
      tag: 'Applications',
      access: TENDER_READERS,
      summary: 'An application with its lots, answers, prices and task list',
      success: { status: 200, description: 'the application' },
      errors: { 404: 'No such application, or not yours to see' },
      handle: async ({ user, params }) => applicationView.getApplication(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/lots',
      tag: 'Applications',
      access: APPLICANTS,
      body: applicationLotsInput,
      summary: 'Choose the lots you apply for',
      success: { status: 200, description: 'the application' },
      handle: async ({ user, params, body }) => applications.saveLots(db, user, params.id!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/answers/{questionId}',
      tag: 'Applications',
      access: APPLICANTS,
      body: answerInput,
      summary:
        'Save an answer: meetsRequirement and evidence for a selection question, text within the word limit for a quality question',
      success: { status: 200, description: 'the application' },
      handle: async ({ user, params, body }) => applications.saveAnswer(db, user, params.id!, params.questionId!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/prices',
      tag: 'Applications',
      access: APPLICANTS,
      body: pricesInput,
      summary: 'Where tenderers price: a weekly rate in pence for each lot applied for',
      success: { status: 200, description: 'the application' },
      handle: async ({ user, params, body }) => applications.savePrices(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/submit',
      tag: 'Applications',
      access: APPLICANTS,
      summary: 'Submit a complete application before the deadline; it cannot be changed afterwards',
      success: { status: 200, description: 'the application as submitted' },
      errors: { 422: 'Something is still to do, or the deadline has passed' },
      handle: async ({ user, params }) => applications.submitApplication(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/stages',
      tag: 'Evaluation',
      access: ['commissioner', 'finance_officer'],
      body: stageDecisionInput,
      summary:
        "Record a stage's outcome for an application: pass, or fail with the reason the tenderer is told (which excludes it from later stages)",
      description:
        "Finance officers record the financial check; commissioners every other stage. Stages are decided in the vehicle's order.",
      success: { status: 200, description: 'the application' },
      errors: { 404: 'No such submitted application of your organisation' },
      handle: async ({ user, params, body }) => evaluation.decideStage(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/declaration',
      tag: 'Evaluation',
      access: ['evaluator'],
      body: declarationInput,
      summary:
        'Declare, once, whether you have a conflict of interest in this vehicle: required before you see any submission',
      success: { status: 201, description: 'the declaration' },
      errors: { 409: 'You have already declared' },
      handle: async ({ user, params, body }) => evaluation.declareConflict(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/scoring',
      tag: 'Evaluation',
      access: ['evaluator'],
      summary:
        "An application as its evaluator sees it: answers after the declaration; others' scores only after submitting your own",
      success: { status: 200, description: 'the scoring view' },
      handle: async ({ user, params }) => evaluation.scoringView(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/scores/{questionId}',
      tag: 'Evaluation',
      access: ['evaluator'],
      body: scoreInput,
      summary: "Score a quality answer from 0 to the vehicle's scale maximum, with a comment",
      success: { status: 200, description: 'the scoring view' },
      handle: async ({ user, params, body }) => evaluation.saveScore(db, user, params.id!, params.questionId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/scores/submit',
      tag: 'Evaluation',
      access: ['evaluator'],
      summary: 'Submit your scores for the application (every quality answer scored); they are then fixed',
      success: { status: 200, description: "the scoring view, now with the other evaluators' submitted scores" },
      handle: async ({ user, params }) => evaluation.submitScores(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/moderation',
      tag: 'Evaluation',
      access: ['commissioner'],
      summary:
        "Every evaluator's submitted score side by side, with the spread, the agreed scores and the weighted quality score",
      success: { status: 200, description: 'the moderation view' },
      handle: async ({ user, params }) => evaluation.moderationView(db, user, params.id!),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/applications/{id}/agreed-scores/{questionId}',
      tag: 'Evaluation',
      access: ['commissioner'],
      body: agreedScoreInput,
      summary: 'Record the moderated, agreed score for a quality answer, with its rationale',
      success: { status: 200, description: 'the moderation view' },
      handle: async ({ user, params, body }) => evaluation.agreeScore(db, user, params.id!, params.questionId!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/evaluation',
      tag: 'Evaluation',
      access: TENDER_ROLES,
      summary: 'Every submitted application to the vehicle with its stage and quality and overall scores',
      success: { status: 200, description: 'the evaluation summary' },
      handle: async ({ user, params }) => evaluationSummary.evaluationSummary(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/tiers',
      tag: 'Evaluation',
      access: TENDER_ROLES,
      summary:
        'The tier allocation by both rules side by side, the bids that differ, and the confirmed allocation if any',
      success: { status: 200, description: 'the proposal' },
      errors: { 404: 'No such vehicle led by your organisation' },
      handle: async ({ user, params }) => tiers.tierProposal(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/tiers',
      tag: 'Evaluation',
      access: DECIDERS,
      body: tierConfirmInput,
      summary: 'Confirm the allocation by one rule; it is kept with its inputs and reasons',
      success: { status: 201, description: 'the proposal, with the confirmed allocation' },
      handle: async ({ user, params, body }) => tiers.confirmTiers(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/award',
      tag: 'Award',
      access: TENDER_ROLES,
      summary:
        'Who is successful on which lots (and tiers), the award decision with its standstill, and the memberships',
      success: { status: 200, description: 'the award view' },
      handle: async ({ user, params }) => award.awardView(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/award',
      tag: 'Award',
      access: DECIDERS,
      body: awardInput,
      summary:
        'Decide the award on the day the notice is sent (PCR 2015) or published (Procurement Act 2023); standstill is worked out from it',
      success: { status: 201, description: 'the award view with the decision' },
      handle: async ({ user, params, body }) => award.decideAward(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/contracts',
      tag: 'Award',
      access: DECIDERS,
      body: contractStartInput,
      summary: 'Start the awarded contracts: refused before the day after standstill ends',
      success: { status: 200, description: 'the award view with active memberships' },
      handle: async ({ user, params, body }) => award.startContracts(db, user, params.id!, body),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/letter',
      tag: 'Award',
      access: TENDER_READERS,
      summary: "The applicant's award letter: its scores beside the successful scores (unnamed), the outcome and why",
      success: { status: 200, description: 'the letter' },
      handle: async ({ user, params }) => awardLetters.awardLetter(db, user, params.id!),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/ocds',
      tag: 'Open data',
      access: READERS,
      summary:
        'The vehicle as an OCDS 1.1 release package (lots and techniques extensions): tender, lots, buyers, successful suppliers, awards and contracts',
      description:
        'Nothing commercially sensitive: no scores, prices or answers, and no unsuccessful tenderers. A draft vehicle has no open data yet. The ocid prefix is HEARTH_OCID_PREFIX.',
      success: { status: 200, description: 'the release package' },
      errors: { 404: 'No such advertised vehicle' },
      handle: async ({ user, params, request }) =>
        vehicleOcds(db, user, params.id!, {
          ocidPrefix: settings.ocidPrefix,
          uri: `${request.protocol}://${request.host}${request.url}`,
        }),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/vehicles/{id}/clarifications',
      tag: 'Procurement',
      access: READERS,
      summary:
        'Clarification questions and their published answers; never who asked (a provider sees which were its own)',
      success: { status: 200, description: 'the clarifications' },
      handle: async ({ user, params }) => clarifications.listClarifications(db, user, params.id!),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/clarifications',
      tag: 'Procurement',
      access: APPLICANTS,
      body: clarificationInput,
      summary: 'Ask a clarification question before the clarification deadline',
      success: { status: 201, description: 'the clarifications' },
      handle: async ({ user, params, body }) => clarifications.askClarification(db, user, params.id!, body),
    }),
    operation({
      method: 'PUT',
      path: '/api/v1/vehicles/{id}/clarifications/{clarificationId}',
      tag: 'Procurement',
      access: MANAGERS,
      body: clarificationAnswerInput,
      summary: 'Answer a clarification question: the answer is published to every applicant at once',
      success: { status: 200, description: 'the clarifications' },
      handle: async ({ user, params, body }) =>
        clarifications.answerClarification(db, user, params.id!, params.clarificationId!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/vehicles/{id}/resubmission',
      tag: 'Evaluation',
      access: MANAGERS,
      body: resubmissionInput,
      summary:
        'Open (or move) the resubmission window: tenderers at the resubmission stage may change and resubmit until the end of `until`',
      success: { status: 200, description: 'the vehicle' },
      handle: async ({ user, params, body }) => service.openResubmission(db, user, params.id!, body),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/applications/{id}/documents',
      tag: 'Applications',
      access: APPLICANTS,
      body: documentUploadInput,
      bodyLimit: 15 * 1024 * 1024,
      summary:
        "Upload (or replace) one of the vehicle's required documents: a PDF, Word, Excel, OpenDocument, JPG or PNG file up to 10 MB, base64-encoded",
      success: { status: 201, description: 'the application, with the document listed' },
      handle: async ({ user, params, body }) =>
        documents.uploadDocument(db, user, params.id!, {
          name: body.name,
          filename: body.filename,
          content: Buffer.from(body.contentBase64, 'base64'),
        }),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/applications/{id}/documents/{documentId}',
      tag: 'Applications',
      access: TENDER_READERS,
      summary:
        "Download an uploaded document: for its applicant, and for the vehicle's staff once the application is submitted",
      success: { status: 200, description: 'the file' },
      handle: async ({ user, params, reply }) => {
        const document = await documents.downloadDocument(db, user, params.id!, params.documentId!);
        reply.type(document.contentType).header('content-disposition', `attachment; filename="${document.filename}"`);
        return document.content;
      },
    }),
    operation({
      method: 'PATCH',
      path: '/api/v1/vehicles/{id}/memberships/{membershipId}',
      tag: 'Award',
      access: DECIDERS,
      body: membershipChangeInput,
      summary: "Suspend, reinstate or remove a provider's place on a lot, with the reason",
      success: { status: 200, description: 'the award view' },
      handle: async ({ user, params, body }) =>
        award.changeMembership(db, user, params.id!, params.membershipId!, body),
    }),
  ];
}
