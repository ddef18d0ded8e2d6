// JSON API for applications: a provider applies, answers, prices, uploads its documents and
// submits; the vehicle's staff read what was submitted. The same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { operation, type ApiOperation } from '../platform/http/api.ts';
import { APPLICANTS, TENDER_READERS } from './access.ts';
import {
  answerInput,
  applicationFilterInput,
  applicationLotsInput,
  documentUploadInput,
  pricesInput,
} from './input.ts';
import * as applications from './application-service.ts';
import * as applicationView from './application-view-service.ts';
import * as documents from './application-document-service.ts';

export function applicationApi(db: Db): ApiOperation[] {
  return [
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
  ];
}
