// The documents an application must include (insurance certificate, accounts…): its applicant
// uploads them; the vehicle's staff who may see its submission download them.
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Db } from '../platform/db/client.ts';
import { recordAudit } from '../platform/audit/service.ts';
import type { CurrentUser } from '../platform/auth/current-user.ts';
import { isUuid } from '../platform/domain/ids.ts';
import { NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { documentProblem, DOCUMENT_TYPES } from './domain/applications.ts';
import * as applicationRepository from './application-repository.ts';
import { editableApplication } from './application-service.ts';
import { getApplication, type ApplicationDetail } from './application-view-service.ts';
import { auditFor, providerActor } from './audit.ts';

/** Uploads (or replaces) the file for one of the vehicle's required documents. */
export async function uploadDocument(
  db: Db,
  viewer: CurrentUser,
  id: string,
  upload: { name: string; filename: string; content: Buffer },
): Promise<ApplicationDetail> {
  const detail = await editableApplication(db, viewer, id);
  if (!detail.requiredDocuments.includes(upload.name))
    throw new ValidationError([{ field: 'name', message: 'Upload one of the documents this vehicle asks for' }]);
  const problem = documentProblem(
    upload.filename,
    upload.content.length,
    (await fileTypeFromBuffer(upload.content))?.ext,
  );
  if (problem) throw new ValidationError([{ field: `document-${upload.name}`, message: problem }]);
  const { application } = detail;
  const extension = upload.filename.toLowerCase().split('.').pop()!;
  const row = {
    organisationId: application.organisationId,
    applicationId: application.id,
    id: randomUUID(),
    name: upload.name,
    filename: upload.filename.replace(/[^\w.\- ]+/g, '_').slice(0, 200),
    contentType: DOCUMENT_TYPES[extension]!.contentType,
    size: upload.content.length,
    content: upload.content,
    uploadedAt: new Date(),
  };
  await db.transaction(async (tx) => {
    await applicationRepository.saveDocument(tx, row);
    await recordAudit(tx, providerActor(viewer), [
      {
        action: 'application.document',
        ...auditFor(application),
        after: { name: row.name, filename: row.filename, size: row.size },
      },
    ]);
  });
  return getApplication(db, viewer, id);
}

/** A document's content, for its applicant and, once submitted, the vehicle's staff who may see submissions. */
export async function downloadDocument(db: Db, viewer: CurrentUser, id: string, documentId: string) {
  const { sight } = await getApplication(db, viewer, id);
  if (!sight.submissions) throw new NotFoundError();
  const document = isUuid(documentId) ? await applicationRepository.documentById(db, id, documentId) : undefined;
  if (!document) throw new NotFoundError();
  return document;
}
