// The framework Hearth starts an organisation with, written for supported living: five domains of
// four questions. An organisation changes it by making a new version.
import type { FrameworkContent } from './framework.ts';

/** Averages of 3.5, 2.5 and 1.5 and up; any Poor caps the result at Requires Improvement. */
const RULE = {
  bands: { excellent: 350, good: 250, 'requires-improvement': 150 },
  caps: [{ when: 'poor', atMost: 'requires-improvement' }],
} as const;

const question = (key: string, text: string, standard: string, evidence: string) => ({
  key,
  text,
  standard,
  evidence,
});

export const DEMO_FRAMEWORK_NAME = 'Supported living quality framework';

export const DEMO_FRAMEWORK: FrameworkContent = {
  domainRule: RULE,
  overallRule: RULE,
  domains: [
    {
      key: 'I',
      title: 'Involvement and information',
      questions: [
        question(
          'I1',
          'Are people involved in planning their own support?',
          'Each person, with those close to them if they wish, shapes their support plan and it is reviewed with them.',
          'Support plans signed or otherwise agreed by the person; review notes; what people say when asked.',
        ),
        question(
          'I2',
          'Do people get information in a way they understand?',
          'Information about the service, rights and complaints is given in easy read, pictures or other formats people need.',
          'Easy-read guides, tenancy information, accessible complaints leaflet; staff explaining how they share information.',
        ),
        question(
          'I3',
          'Are people supported to make their own choices?',
          'Staff start from the person’s own choices and follow the Mental Capacity Act where a decision is in doubt.',
          'Capacity assessments and best-interest records; daily notes showing choices offered and respected.',
        ),
        question(
          'I4',
          'Do people and families have a say in how the service runs?',
          'The provider asks people and families for their views, acts on them and says what changed.',
          'Tenant meetings, surveys and their results, “you said, we did” records.',
        ),
      ],
    },
    {
      key: 'P',
      title: 'Personalised care and support',
      questions: [
        question(
          'P1',
          'Does each person have an up-to-date, person-centred support plan?',
          'Plans describe the person, their goals and how they like to be supported, and are reviewed at least yearly or when needs change.',
          'A sample of support plans checked against daily notes and what the person says.',
        ),
        question(
          'P2',
          'Are people supported to be as independent as they can be?',
          'Support builds skills in cooking, money, travel and personal care, and is reduced as people gain confidence.',
          'Goals and progress records; use of assistive technology; changes in commissioned hours.',
        ),
        question(
          'P3',
          'Are people supported with their health and medicines?',
          'People see their GP, dentist and specialists, have annual health checks, and get medicines safely and on time.',
          'Health action plans, medication records (MAR charts) and audits, annual health check dates.',
        ),
        question(
          'P4',
          'Do people take part in their community, work and interests?',
          'People have activities, relationships and, where they want it, work or volunteering of their own choosing.',
          'Activity plans, daily notes, people’s own accounts of their week.',
        ),
      ],
    },
    {
      key: 'S',
      title: 'Safeguarding and safety',
      questions: [
        question(
          'S1',
          'Do staff know how to recognise and report abuse?',
          'Every member of staff is trained, knows the local procedure and raises concerns without delay.',
          'Training records; staff asked what they would do; safeguarding referrals made and their follow-up.',
        ),
        question(
          'S2',
          'Are risks to each person assessed and managed without restricting them more than needed?',
          'Risk assessments balance safety and freedom and are reviewed; restrictions are the least possible and recorded.',
          'Risk assessments, positive behaviour support plans, records of any restrictive practice.',
        ),
        question(
          'S3',
          'Are incidents and accidents recorded and learned from?',
          'Incidents are recorded, reviewed by a manager and lead to changes that are followed through.',
          'Incident log, analysis of patterns, team meeting minutes.',
        ),
        question(
          'S4',
          'Are people’s money and belongings safe?',
          'Where staff handle a person’s money it is recorded, receipted and checked, with the person’s agreement.',
          'Finance records and audits for a sample of people; receipts; appointeeship arrangements.',
        ),
      ],
    },
    {
      key: 'W',
      title: 'Suitability of staffing',
      questions: [
        question(
          'W1',
          'Are there enough staff to give the support commissioned?',
          'Rotas match the hours and 1:1 support commissioned for each person, with few missed or late visits.',
          'Rotas against commissioned hours; agency use; missed visit records.',
        ),
        question(
          'W2',
          'Are staff recruited safely?',
          'Checks are completed before anyone starts: DBS, references, right to work and employment history.',
          'A sample of staff files.',
        ),
        question(
          'W3',
          'Are staff trained and supported for the people they work with?',
          'Staff complete the Care Certificate and training in the needs of the people they support, with regular supervision.',
          'Training matrix; supervision records; qualifications held (Level 2 and above).',
        ),
        question(
          'W4',
          'Do people see staff who know them?',
          'People are supported by a small, steady team; changes are explained to them.',
          'Staff turnover; rotas over a month; what people and families say.',
        ),
      ],
    },
    {
      key: 'M',
      title: 'Quality of management',
      questions: [
        question(
          'M1',
          'Is there a registered manager in post who leads the service well?',
          'A registered manager is in post, known to people and staff, and the service meets its CQC registration.',
          'CQC registration; manager’s presence; staff views.',
        ),
        question(
          'M2',
          'Does the provider check its own quality and put things right?',
          'Audits cover the areas above, find problems and lead to actions completed on time.',
          'Quality audits and action plans; provider’s self-assessment.',
        ),
        question(
          'M3',
          'Are complaints handled openly and learned from?',
          'Complaints are acknowledged, investigated and answered on time, and the service changes as a result.',
          'Complaints log and responses.',
        ),
        question(
          'M4',
          'Does the provider meet the contract’s reporting requirements?',
          'Returns, notifications and KPI reports reach the council complete and on time.',
          'Contract monitoring returns; notifications made to the council and CQC.',
        ),
      ],
    },
  ],
};
