// Quality's pages: the framework, each of its versions, and starting from Hearth's own.
import type { Db } from '../platform/db/client.ts';
import { hasRole } from '../platform/auth/current-user.ts';
import { formSchema } from '../platform/http/form-fields.ts';
import type { NavigationItem } from '../platform/http/pages.ts';
import { formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { NOT_ASSESSED, QUESTION_RATING_LABELS } from './domain/ratings.ts';
import * as frameworks from './framework-service.ts';
import { paths } from './paths.ts';

export const qualityNavigation: NavigationItem[] = [
  { text: 'Assessment schedule', href: paths.schedule(), access: frameworks.QUALITY_READERS },
  { text: 'Quality assessments', href: paths.assessments(), access: [...frameworks.QUALITY_READERS, 'provider_user'] },
  { text: 'Risk dashboard', href: paths.risk(), access: [...frameworks.QUALITY_READERS, 'provider_user'] },
  { text: 'Action plans', href: paths.actions(), access: [...frameworks.QUALITY_READERS, 'provider_user'] },
  { text: 'Quality framework', href: paths.framework(), access: frameworks.QUALITY_READERS },
  { text: 'Intelligence log', href: paths.intelligence(), access: frameworks.QUALITY_READERS },
  { text: 'People’s survey', href: paths.surveyResults(), access: frameworks.QUALITY_READERS },
  { text: 'Contract actions', href: paths.contractActions(), access: [...frameworks.QUALITY_READERS, 'provider_user'] },
  { text: 'Transition plans', href: paths.transitionPlans(), access: frameworks.QUALITY_READERS },
  { text: 'KPI returns', href: paths.kpiReturns(), access: [...frameworks.QUALITY_READERS, 'provider_user'] },
];

const FRAMEWORK_VIEW = 'quality/views/framework.njk';

export function qualityPages(db: Db): PageRoute[] {
  const frameworkPage = async ({ user }: PageCall, version?: number) => {
    const [shown, versions] = await Promise.all([
      frameworks.frameworkVersion(db, user, version),
      frameworks.frameworkVersions(db, user),
    ]);
    const latest = versions[0]?.version;
    return {
      title: shown ? `${shown.name}, version ${shown.version}` : 'Quality framework',
      framework: shown,
      isLatest: shown !== null && shown.version === latest,
      versions,
      versionHref: paths.frameworkVersion,
      canStart: versions.length === 0 && hasRole(user, ...frameworks.QUALITY_KEEPERS),
      notAssessed: QUESTION_RATING_LABELS[NOT_ASSESSED],
      backLink: version === undefined ? undefined : { href: paths.framework(), text: 'The framework in use' },
    };
  };
  return [
    page({
      path: paths.framework(),
      access: frameworks.QUALITY_READERS,
      view: FRAMEWORK_VIEW,
      load: (call) => frameworkPage(call),
    }),
    page({
      path: '/quality/framework/versions/:version',
      access: frameworks.QUALITY_READERS,
      view: FRAMEWORK_VIEW,
      load: (call) => frameworkPage(call, Number(call.params.version)),
    }),
    formPage({
      path: paths.startFramework(),
      access: frameworks.QUALITY_KEEPERS,
      view: FRAMEWORK_VIEW,
      showsOn: false,
      form: formSchema({}),
      load: (call) => frameworkPage(call),
      save: ({ user }) => frameworks.adoptStartingFramework(db, user),
      next: () => ({ to: paths.framework(), flash: 'The framework is ready: new assessments will use it' }),
    }),
  ];
}
