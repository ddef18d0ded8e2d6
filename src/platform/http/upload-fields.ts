// Readers for forms that upload files (declared with `multipart`): each text field arrives as a
// part holding its value, and each file as a part of its own.
import type { MultipartFile } from '@fastify/multipart';
import type { FieldReader } from './form-fields.ts';

const isFilePart = (part: unknown): part is MultipartFile =>
  typeof part === 'object' && part !== null && 'type' in part && part.type === 'file';

export const uploadField = {
  /** A text field's value ('' when missing). */
  text: (): FieldReader<string> => (body, name) => {
    const part: unknown = body[name];
    return typeof part === 'object' && part !== null && 'value' in part && typeof part.value === 'string'
      ? part.value
      : '';
  },
  /** The one file chosen, if any. */
  file: (): FieldReader<MultipartFile | undefined> => (body, name) => {
    const part: unknown = body[name];
    return isFilePart(part) ? part : undefined;
  },
  /** Every file chosen in a multiple file input (none chosen is an empty list). */
  files: (): FieldReader<MultipartFile[]> => (body, name) =>
    [(body[name] as unknown) ?? []]
      .flat()
      .filter((part): part is MultipartFile => isFilePart(part) && Boolean(part.filename)),
};
