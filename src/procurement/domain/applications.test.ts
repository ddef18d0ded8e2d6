import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkingDays } from '../../platform/domain/calendar.ts';
import { bankHolidays } from '../../platform/reference/reference-data.ts';
import {
  answerProblem,
  applicationTasks,
  decisionDue,
  documentProblem,
  editProblem,
  wordCount,
  type ApplicationFacts,
} from './applications.ts';

const cqc = { id: 'q-cqc', kind: 'selection' as const, wordLimit: null };
const insurance = { id: 'q-ins', kind: 'selection' as const, wordLimit: null };
const workforce = { id: 'q-workforce', kind: 'quality' as const, wordLimit: 10 };

test('words are counted as a reader counts them', () => {
  assert.equal(wordCount(''), 0);
  assert.equal(wordCount('  We recruit   locally. '), 3);
  assert.equal(wordCount("Staff's well-being, and 24/7 cover — always."), 7);
});

test('an answer is complete when it says what it must, within the word limit', () => {
  assert.equal(answerProblem(cqc, undefined), 'Say whether you meet this requirement');
  assert.equal(answerProblem(cqc, { questionId: 'q-cqc', meetsRequirement: true, text: ' ' }), 'Give your evidence');
  assert.equal(
    answerProblem(cqc, { questionId: 'q-cqc', meetsRequirement: false, text: 'Registration pending' }),
    null,
  );
  assert.equal(
    answerProblem(workforce, {
      questionId: 'q-workforce',
      meetsRequirement: null,
      text: 'one two three four five six seven eight nine ten eleven',
    }),
    'Your answer has 11 words; the limit is 10',
  );
});

test("the task list shows each section's state, and submission only once everything is done", () => {
  const facts: ApplicationFacts = {
    lotIds: [],
    questions: [cqc, insurance, workforce],
    answers: [],
    pricedLotIds: null,
  };
  assert.deepEqual(
    applicationTasks(facts).map((task) => task.status),
    ['not-started', 'not-started', 'not-started', 'cannot-start'],
  );
  const partway = applicationTasks({
    ...facts,
    lotIds: ['lot-1'],
    answers: [{ questionId: 'q-cqc', meetsRequirement: true, text: 'Registered 1-101' }],
  });
  assert.deepEqual(
    partway.map((task) => [task.key, task.status]),
    [
      ['lots', 'completed'],
      ['selection', 'in-progress'],
      ['quality', 'not-started'],
      ['submit', 'cannot-start'],
    ],
  );
  assert.deepEqual(
    partway.at(-1)!.problems.map((p) => p.field),
    ['answer-q-ins', 'answer-q-workforce'],
  );
  const done = applicationTasks({
    ...facts,
    lotIds: ['lot-1'],
    answers: [
      { questionId: 'q-cqc', meetsRequirement: true, text: 'Registered' },
      { questionId: 'q-ins', meetsRequirement: true, text: '£10m cover' },
      { questionId: 'q-workforce', meetsRequirement: null, text: 'We grow our own staff.' },
    ],
  });
  assert.equal(done.at(-1)!.status, 'not-started');
});

test('where tenderers price, every lot applied for needs a weekly rate', () => {
  const priced = (pricedLotIds: string[], lotIds = ['lot-1', 'lot-2']) =>
    applicationTasks({ lotIds, questions: [], answers: [], pricedLotIds }).find((task) => task.key === 'prices')!;
  assert.equal(priced([], []).status, 'cannot-start');
  assert.equal(priced([]).status, 'not-started');
  assert.deepEqual(
    priced(['lot-1']).problems.map((p) => p.field),
    ['price-lot-2'],
  );
  assert.equal(priced(['lot-1', 'lot-2']).status, 'completed');
});

test('an application changes only while in draft, open, and before the deadline', () => {
  assert.equal(editProblem('draft', true, '2026-03-02', '2026-03-02'), null, 'the deadline day itself is in time');
  assert.match(editProblem('draft', true, '2026-03-02', '2026-03-03')!, /late applications cannot be accepted/);
  assert.match(editProblem('submitted', true, null, '2026-03-01')!, /can no longer be changed/);
  assert.match(editProblem('draft', false, null, '2026-03-01')!, /not taking applications/);
  assert.equal(
    editProblem('submitted', false, '2026-03-02', '2026-04-10', '2026-04-10'),
    null,
    'a resubmission window reopens it, past the deadline',
  );
  assert.match(
    editProblem('submitted', false, '2026-03-02', '2026-04-11', '2026-04-10')!,
    /resubmission window closed at the end of 10 April 2026/,
  );
});

test('a DPS decides within 10 working days of submission, over Christmas too', () => {
  const calendar = WorkingDays.forNations(bankHolidays(), ['england-and-wales']);
  assert.equal(decisionDue('2026-11-02', calendar), '2026-11-16');
  assert.equal(decisionDue('2026-12-18', calendar), '2027-01-06');
});

test('required documents make a task of their own; files are checked by type, size and contents', () => {
  const tasks = applicationTasks({
    lotIds: ['lot-1'],
    questions: [],
    answers: [],
    pricedLotIds: null,
    requiredDocuments: ['Insurance certificate', 'Audited accounts'],
    uploadedDocuments: ['Audited accounts'],
  });
  const documents = tasks.find((task) => task.key === 'documents')!;
  assert.equal(documents.status, 'in-progress');
  assert.deepEqual(
    documents.problems.map((p) => p.message),
    ['Upload your insurance certificate'],
  );
  assert.equal(tasks.at(-1)!.status, 'cannot-start');
  assert.equal(documentProblem('Certificate.PDF', 12_000, 'pdf'), null);
  assert.match(documentProblem('virus.exe', 12_000, 'exe')!, /must be a PDF, Word/);
  assert.match(documentProblem('virus.constructor', 12_000, undefined)!, /must be a PDF, Word/);
  assert.match(documentProblem('accounts.xlsx', 0, undefined)!, /empty/);
  assert.match(documentProblem('scan.png', 11 * 1024 * 1024, 'png')!, /smaller than 10 MB/);
  assert.equal(documentProblem('accounts.xls', 12_000, 'cfb'), null, 'old Office files are Compound File Binary');
  assert.equal(documentProblem('photo.jpeg', 12_000, 'jpg'), null);
  assert.equal(
    documentProblem('evil.pdf', 12_000, undefined),
    'evil.pdf is not a PDF: its contents are a different kind of file',
  );
  assert.equal(
    documentProblem('accounts.xlsx', 12_000, 'docx'),
    'accounts.xlsx is not an Excel spreadsheet: its contents are a different kind of file',
  );
  assert.match(documentProblem('report.docx', 12_000, 'zip')!, /not a Word document/);
});
