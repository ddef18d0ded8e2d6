// A provider's application (DOMAIN.md, "Tender / application stages"): the GOV.UK task list it
// is filled in by, when it may be changed and submitted, and the decision target for a dynamic
// purchasing system or market.
import { longDate, type IsoDate, type WorkingDays } from '../../platform/domain/calendar.ts';
import type { FieldError } from '../../platform/domain/field-error.ts';
import { valuesOf } from '../../platform/domain/labels.ts';

export const QUESTION_KINDS = ['selection', 'quality'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const APPLICATION_STATUS_LABELS = {
  draft: 'Not yet submitted',
  submitted: 'Submitted',
  excluded: 'Excluded',
  unsuccessful: 'Unsuccessful',
  'not-admitted': 'Below the quality threshold: not admitted',
  successful: 'Successful',
  withdrawn: 'Withdrawn',
} as const;
export const APPLICATION_STATUSES = valuesOf(APPLICATION_STATUS_LABELS);
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Working days a dynamic purchasing system or market has to decide an application (PCR 2015 reg. 34(15)). */
export const DECISION_WORKING_DAYS = 10;

export interface QuestionFacts {
  id: string;
  kind: QuestionKind;
  wordLimit: number | null;
}

export interface AnswerFacts {
  questionId: string;
  meetsRequirement: boolean | null;
  text: string;
}

/** Words as a reader counts them: runs of letters or digits, with apostrophes and hyphens inside. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Null when the answer is complete and within its limit; otherwise what is missing or wrong. */
export function answerProblem(question: QuestionFacts, answer: AnswerFacts | undefined): string | null {
  if (question.kind === 'selection') {
    if (answer?.meetsRequirement === null || answer?.meetsRequirement === undefined)
      return 'Say whether you meet this requirement';
    if (!answer.text.trim()) return 'Give your evidence';
    return null;
  }
  if (!answer?.text.trim()) return 'Answer the question';
  const words = wordCount(answer.text);
  if (question.wordLimit !== null && words > question.wordLimit)
    return `Your answer has ${words} words; the limit is ${question.wordLimit}`;
  return null;
}

export type TaskStatus = 'not-started' | 'in-progress' | 'completed' | 'cannot-start';
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  'not-started': 'Not yet started',
  'in-progress': 'In progress',
  completed: 'Completed',
  'cannot-start': 'Cannot start yet',
};

export interface Task {
  key: 'lots' | 'selection' | 'quality' | 'prices' | 'documents' | 'submit';
  status: TaskStatus;
  /** What is still to do, for the check-and-submit page. */
  problems: FieldError[];
}

export interface ApplicationFacts {
  lotIds: readonly string[];
  questions: readonly QuestionFacts[];
  answers: readonly AnswerFacts[];
  /** Null where the council fixes the rates and there is nothing to price. */
  pricedLotIds: readonly string[] | null;
  /** The documents the vehicle asks for, and those uploaded, by name. */
  requiredDocuments?: readonly string[];
  uploadedDocuments?: readonly string[];
}

function taskOf(key: Task['key'], started: boolean, problems: FieldError[]): Task {
  return { key, status: problems.length === 0 ? 'completed' : started ? 'in-progress' : 'not-started', problems };
}

/** The task list: each section's status and what remains, then whether it can be submitted. */
export function applicationTasks(facts: ApplicationFacts): Task[] {
  const answerOf = new Map(facts.answers.map((answer) => [answer.questionId, answer]));
  const questionTask = (kind: QuestionKind): Task => {
    const asked = facts.questions.filter((question) => question.kind === kind);
    const problems = asked.flatMap((question) => {
      const problem = answerProblem(question, answerOf.get(question.id));
      return problem ? [{ field: `answer-${question.id}`, message: problem }] : [];
    });
    return taskOf(
      kind,
      asked.some((question) => answerOf.has(question.id)),
      problems,
    );
  };
  const tasks: Task[] = [
    taskOf(
      'lots',
      facts.lotIds.length > 0,
      facts.lotIds.length > 0 ? [] : [{ field: 'lotIds', message: 'Choose the lots you are applying for' }],
    ),
    questionTask('selection'),
    questionTask('quality'),
  ];
  if (facts.pricedLotIds !== null) {
    const unpriced = facts.lotIds.filter((lotId) => !facts.pricedLotIds!.includes(lotId));
    tasks.push(
      facts.lotIds.length === 0
        ? {
            key: 'prices',
            status: 'cannot-start',
            problems: [{ field: 'prices', message: 'Choose your lots before pricing them' }],
          }
        : taskOf(
            'prices',
            facts.pricedLotIds.length > 0,
            unpriced.map((lotId) => ({
              field: `price-${lotId}`,
              message: 'Give a weekly rate for every lot you apply for',
            })),
          ),
    );
  }
  const required = facts.requiredDocuments ?? [];
  if (required.length > 0) {
    const uploaded = facts.uploadedDocuments ?? [];
    tasks.push(
      taskOf(
        'documents',
        uploaded.length > 0,
        required
          .filter((name) => !uploaded.includes(name))
          .map((name) => ({ field: `document-${name}`, message: `Upload your ${name.toLowerCase()}` })),
      ),
    );
  }
  const outstanding = tasks.flatMap((task) => task.problems);
  tasks.push({
    key: 'submit',
    status: outstanding.length === 0 ? 'not-started' : 'cannot-start',
    problems: outstanding,
  });
  return tasks;
}

/** Whether the deadline has passed on `today`: a deadline date runs to the end of that day. */
export const isPastDeadline = (deadline: IsoDate | null, today: IsoDate) => deadline !== null && today > deadline;

/**
 * Why the application cannot be changed now, or null when it can: a draft until the deadline, or
 * a submitted one while the commissioner has opened a resubmission stage for it.
 */
export function editProblem(
  status: ApplicationStatus,
  acceptingApplications: boolean,
  deadline: IsoDate | null,
  today: IsoDate,
  resubmissionUntil: IsoDate | null = null,
): string | null {
  if (status === 'submitted' && resubmissionUntil !== null) {
    return today > resubmissionUntil
      ? `The resubmission window closed at the end of ${longDate(resubmissionUntil)}`
      : null;
  }
  if (status !== 'draft') return 'This application has been submitted and can no longer be changed';
  if (!acceptingApplications) return 'This vehicle is not taking applications';
  if (isPastDeadline(deadline, today))
    return `The deadline for applications was the end of ${longDate(deadline)}; late applications cannot be accepted`;
  return null;
}

/** The day a dynamic purchasing system or market must decide by: 10 working days after submission. */
export function decisionDue(submittedOn: IsoDate, calendar: WorkingDays): IsoDate {
  return calendar.nthWorkingDayAfter(submittedOn, DECISION_WORKING_DAYS);
}

// The content types of Office Open XML (Word, Excel) and OpenDocument files begin with these.
const OFFICE_OPEN_XML = 'application/vnd.openxmlformats-officedocument';
const OPEN_DOCUMENT = 'application/vnd.oasis.opendocument';

/**
 * The files an applicant may upload: documents, spreadsheets and pictures, up to 10 MB each.
 * `detected` is what the `file-type` library names such a file's bytes: old Word and Excel
 * files are both Compound File Binary containers, so it cannot tell them apart.
 */
export const DOCUMENT_TYPES: Record<string, { contentType: string; kind: string; detected: string }> = {
  pdf: { contentType: 'application/pdf', kind: 'a PDF', detected: 'pdf' },
  doc: { contentType: 'application/msword', kind: 'a Word document', detected: 'cfb' },
  docx: { contentType: `${OFFICE_OPEN_XML}.wordprocessingml.document`, kind: 'a Word document', detected: 'docx' },
  odt: { contentType: `${OPEN_DOCUMENT}.text`, kind: 'an OpenDocument text', detected: 'odt' },
  xls: { contentType: 'application/vnd.ms-excel', kind: 'an Excel spreadsheet', detected: 'cfb' },
  xlsx: { contentType: `${OFFICE_OPEN_XML}.spreadsheetml.sheet`, kind: 'an Excel spreadsheet', detected: 'xlsx' },
  ods: { contentType: `${OPEN_DOCUMENT}.spreadsheet`, kind: 'an OpenDocument spreadsheet', detected: 'ods' },
  jpg: { contentType: 'image/jpeg', kind: 'a JPG picture', detected: 'jpg' },
  jpeg: { contentType: 'image/jpeg', kind: 'a JPG picture', detected: 'jpg' },
  png: { contentType: 'image/png', kind: 'a PNG picture', detected: 'png' },
};
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * Null when the file can be accepted; otherwise what is wrong with it. The type comes from its
 * name, not what the browser claims, and its bytes (`detected`) must be that type: a page named
 * .pdf must not be stored and served back as a PDF.
 */
export function documentProblem(filename: string, size: number, detected: string | undefined): string | null {
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  const type = Object.hasOwn(DOCUMENT_TYPES, extension) ? DOCUMENT_TYPES[extension] : undefined; // not 'constructor' and the like
  if (size === 0) return 'The selected file is empty';
  if (!type || !filename.includes('.'))
    return 'The selected file must be a PDF, Word, Excel, OpenDocument, JPG or PNG file';
  if (size > MAX_DOCUMENT_BYTES) return 'The selected file must be smaller than 10 MB';
  if (detected !== type.detected) return `${filename} is not ${type.kind}: its contents are a different kind of file`;
  return null;
}
