// Who may see the history of each kind of quality record, and what of it: each rule is the
// record's own service's, so a record's history opens for exactly those its page opens for.
// The organisation's quality settings are audited on the organisation, whose history is not
// quality's to give.
import type { HistoryRule } from '../platform/audit/history.ts';
import { assessmentHistory } from './assessment-service.ts';
import { contractActionHistory } from './contract-action-service.ts';
import { frameworkHistory } from './framework-service.ts';
import { entryHistory } from './intelligence-service.ts';
import { serviceHistory } from './register-service.ts';
import { surveyRecordHistory } from './survey-service.ts';
import { transitionPlanHistory } from './transition-service.ts';
import { riskModelHistory } from './risk-model-service.ts';

export const qualityHistory: Record<string, HistoryRule> = {
  'quality-framework': frameworkHistory,
  'contracted-service': serviceHistory,
  'quality-assessment': assessmentHistory,
  'intelligence-entry': entryHistory,
  'contract-action': contractActionHistory,
  'transition-plan': transitionPlanHistory,
  'risk-model': riskModelHistory,
  'survey-response': surveyRecordHistory('response'),
  'survey-link': surveyRecordHistory('link'),
};
