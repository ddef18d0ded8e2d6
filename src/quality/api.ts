// Quality's JSON API: the same services as the pages.
import type { Db } from '../platform/db/client.ts';
import { NOT_FOUND, operation, type ApiOperation } from '../platform/http/api.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import * as frameworks from './framework-service.ts';
import { frameworkVersionInput } from './input.ts';

const TAG = 'Quality';

export function qualityApi(db: Db): ApiOperation[] {
  return [
    operation({
      method: 'GET',
      path: '/api/v1/quality/framework/versions',
      tag: TAG,
      access: frameworks.QUALITY_READERS,
      summary: "Every version of the organisation's quality assessment framework, newest first",
      success: { status: 200, description: 'the versions' },
      handle: async ({ user }) => frameworks.frameworkVersions(db, user),
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/framework',
      tag: TAG,
      access: frameworks.QUALITY_READERS,
      summary: 'The version of the framework new assessments use, with its rules in words',
      success: { status: 200, description: 'the latest version' },
      errors: { 404: 'The organisation has no framework yet' },
      handle: async ({ user }) => {
        const latest = await frameworks.frameworkVersion(db, user);
        if (!latest) throw new NotFoundError('This organisation has no quality framework yet');
        return latest;
      },
    }),
    operation({
      method: 'GET',
      path: '/api/v1/quality/framework/versions/{version}',
      tag: TAG,
      access: frameworks.QUALITY_READERS,
      summary: 'One version of the framework',
      success: { status: 200, description: 'the version' },
      errors: NOT_FOUND,
      handle: async ({ user, params }) => frameworks.frameworkVersion(db, user, Number(params.version)),
    }),
    operation({
      method: 'POST',
      path: '/api/v1/quality/framework/versions',
      tag: TAG,
      access: frameworks.QUALITY_KEEPERS,
      body: frameworkVersionInput,
      summary: 'Make a new version of the framework from the whole of it as it should now be',
      success: { status: 201, description: 'the new version' },
      errors: { 409: 'Another version was saved at the same moment' },
      handle: async ({ user, body }) => frameworks.saveFrameworkVersion(db, user, body),
    }),
  ];
}
