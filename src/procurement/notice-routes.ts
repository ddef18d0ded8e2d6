// Pages for a vehicle's public notices: which its events require and when each is due, publishing
// one after checking it, and a published notice with its release to upload to Find a Tender.
import type { Db } from '../platform/db/client.ts';
import { longDate } from './domain/standstill.ts';
import { field, formSchema } from '../platform/http/form-fields.ts';
import type { FormBody } from '../platform/http/forms.ts';
import { download, formPage, page, type PageCall, type PageRoute } from '../platform/http/page.ts';
import { ANY_STAFF } from '../platform/domain/roles.ts';
import { ValidationError } from '../platform/http/errors.ts';
import { NOTICE_KIND_LABELS, NOTICE_KINDS } from './domain/notice-rules.ts';
import * as notices from './notice-service.ts';
import { paths } from './paths.ts';

const NOTICES_VIEW = 'procurement/views/notices.njk';
const NOTICE_VIEW = 'procurement/views/notice.njk';

/** The notice's subject in words: the vehicle, an award, its contracts, a contract action. */
function subjectText(subject: string): string {
  if (subject === 'vehicle') return 'The vehicle';
  const [what, quarterStart] = subject.split(':');
  if (what === 'payments') return `Payments over £30,000 in the quarter from ${longDate(quarterStart!)}`;
  return (
    {
      award: 'The award decision',
      contracts: 'The contracts it awarded',
      termination: 'A contract ended',
      performance: 'A contract ended after a default notice',
      change: 'A contract changed',
      modification: 'The vehicle’s terms changed',
    }[what!] ?? subject
  );
}

export function noticePages(db: Db, settings: notices.NoticeSettings): PageRoute[] {
  const noticesPage = async ({ user, params }: PageCall, values: FormBody = {}) => {
    const list = await notices.vehicleNotices(db, user, params.id!, settings);
    const { vehicle } = list;
    return {
      title: `Notices for ${vehicle.name}`,
      vehicle,
      list: {
        ...list,
        notices: list.notices.map((notice) => ({ ...notice, subjectText: subjectText(notice.subject) })),
      },
      transitionLastDay: list.transition ? longDate(list.transition.lastDay) : null,
      publishAction: paths.publishNotice(vehicle.id),
      values,
      backLink: { href: paths.vehicle(vehicle.id), text: vehicle.name },
    };
  };
  return [
    page({ path: '/vehicles/:id/notices', access: ANY_STAFF, view: NOTICES_VIEW, load: (call) => noticesPage(call) }),
    formPage({
      path: '/vehicles/:id/notices/publish',
      access: ['commissioner'],
      view: NOTICES_VIEW,
      showsOn: false,
      load: noticesPage,
      form: formSchema({ kind: field.choice(NOTICE_KINDS), subject: field.text() }),
      // Publishing is public and for good: the notice is checked, with every problem listed, first.
      confirm: async ({ user, params }, input) => {
        const draft = await notices.draftNotice(db, user, params.id!, input, settings);
        if (draft.problems.length > 0) throw new ValidationError(draft.problems);
        const release = draft.release as { awards?: { suppliers: { name: string }[] }[]; contracts?: unknown[] };
        const suppliers = (release.awards ?? []).flatMap((award) => award.suppliers.map((s) => s.name));
        return {
          title: `Publish the ${NOTICE_KIND_LABELS[draft.header.kind]}`,
          rows: [
            { key: 'Notice', value: NOTICE_KIND_LABELS[draft.header.kind] },
            { key: 'Identifier', value: draft.header.identifier },
            { key: 'About', value: subjectText(draft.header.subject) },
            { key: 'Why', value: draft.required.why },
            { key: 'Due by', value: longDate(draft.required.dueBy) },
            ...(suppliers.length > 0 ? [{ key: 'Suppliers it names', value: suppliers.join(', ') }] : []),
            { key: 'Public page', value: draft.header.url },
          ],
          warning:
            'The notice becomes public open data at once and cannot be changed afterwards. Upload its file to Find a Tender from the notice’s page.',
          button: 'Publish notice',
          changeHref: paths.notices(draft.vehicle.id),
        };
      },
      save: ({ user, params }, input) => notices.publishNotice(db, user, params.id!, input, settings),
      next: ({ params }, saved) => ({
        to: paths.notice(params.id!, saved.id),
        flash: `${saved.identifier} has been published`,
      }),
    }),
    page({
      path: '/vehicles/:id/notices/:noticeId',
      access: ANY_STAFF,
      view: NOTICE_VIEW,
      load: async ({ user, params }) => {
        const notice = await notices.publishedNotice(db, user, params.id!, params.noticeId!);
        return {
          title: notice.identifier,
          notice,
          kindLabel: NOTICE_KIND_LABELS[notice.kind as keyof typeof NOTICE_KIND_LABELS],
          releaseText: JSON.stringify(notice.release, null, 2),
          downloadHref: paths.noticeRelease(params.id!, notice.id),
          backLink: { href: paths.notices(notice.vehicleId), text: 'Notices' },
        };
      },
    }),
    // The release as a file, to upload to the Central Digital Platform.
    download({
      path: '/vehicles/:id/notices/:noticeId/release.json',
      access: ANY_STAFF,
      load: async ({ user, params }) => {
        const notice = await notices.publishedNotice(db, user, params.id!, params.noticeId!);
        return {
          filename: `${notice.identifier.replaceAll('/', '-')}.json`,
          contentType: 'application/json',
          body: JSON.stringify(notice.release, null, 2),
        };
      },
    }),
  ];
}
