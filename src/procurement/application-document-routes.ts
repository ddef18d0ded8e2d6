// The applicant's documents page: its forms upload files, so it has a multipart parser of its own.
import type { FastifyInstance } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { Db } from '../platform/db/client.ts';
import { ValidationError, type FieldError } from '../platform/http/errors.ts';
import { formSchema, withFormFields, type FieldReader } from '../platform/http/form-fields.ts';
import { formPage, registerPageRoutes } from '../platform/http/page.ts';
import { MAX_DOCUMENT_BYTES } from './domain/applications.ts';
import { APPLICANTS } from './access.ts';
import { uploadDocument } from './application-document-service.ts';
import { getApplication } from './application-view-service.ts';
import { applicationPageOf, backToApplication } from './application-routes.ts';
import { paths } from './paths.ts';

const DOCUMENTS_VIEW = 'procurement/views/application-documents.njk';

// Uploads come as multipart forms: each text field is a part with its value, and the file a part of its own.
const isFilePart = (part: unknown): part is MultipartFile =>
  typeof part === 'object' && part !== null && 'type' in part && part.type === 'file';
const partText: FieldReader<string> = (body, name) => {
  const part: unknown = body[name];
  return typeof part === 'object' && part !== null && 'value' in part && typeof part.value === 'string'
    ? part.value
    : '';
};
const partFile: FieldReader<MultipartFile | undefined> = (body, name) => {
  const part: unknown = body[name];
  return isFilePart(part) ? part : undefined;
};

/** The chosen file's content, refused if none was chosen or it is too large. */
async function contentOf(file: MultipartFile | undefined, field: string): Promise<Buffer> {
  if (!file?.filename) throw new ValidationError([{ field, message: 'Choose a file to upload' }]);
  const content = await file.toBuffer();
  if (file.file.truncated)
    throw new ValidationError([{ field, message: 'The selected file must be smaller than 10 MB' }]);
  return content;
}

/** The applicant's documents page, whose forms upload files, so it has a multipart parser of its own. */
export async function registerDocumentPages(app: FastifyInstance, db: Db): Promise<void> {
  const applicationPage = applicationPageOf(db);
  await app.register(async (uploads) => {
    await uploads.register(fastifyMultipart, {
      attachFieldsToBody: true,
      limits: { fileSize: MAX_DOCUMENT_BYTES + 1, files: 1 },
    });
    registerPageRoutes(uploads, [
      formPage({
        path: '/applications/:id/documents',
        access: APPLICANTS,
        view: DOCUMENTS_VIEW,
        form: formSchema({ name: partText, file: partFile }),
        load: async (call) => {
          const base = await applicationPage(call);
          return {
            ...base,
            title: 'Documents',
            rows: base.requiredDocuments.map((name, i) => ({
              name,
              field: `document-${i + 1}`,
              document: base.documents.find((document) => document.name === name),
            })),
            backLink: backToApplication(base.application.id),
          };
        },
        save: async ({ user, params }, { name, file }) => {
          const { requiredDocuments } = await getApplication(db, user, params.id!);
          // Ids cannot hold the spaces in document names, so each box is known by its place in the list.
          const onForm = (problem: FieldError) => {
            const index = requiredDocuments.findIndex((required) => problem.field === `document-${required}`);
            return index < 0 ? problem : { ...problem, field: `document-${index + 1}` };
          };
          const uploading = async () =>
            uploadDocument(db, user, params.id!, {
              name,
              filename: file?.filename ?? '',
              content: await contentOf(file, `document-${name}`),
            });
          await withFormFields(uploading(), onForm);
          return name;
        },
        next: ({ params }, name) => ({ to: paths.applicationDocuments(params.id!), flash: `${name} uploaded` }),
      }),
    ]);
  });
}
