// Quality's links, for redirects, back links and navigation.
export const paths = {
  framework: () => '/quality/framework',
  frameworkVersion: (version: number) => `/quality/framework/versions/${version}`,
  startFramework: () => '/quality/framework/start',
  schedule: () => '/quality/schedule',
  bringIn: () => '/quality/schedule/bring-in',
  service: (id: string) => `/quality/services/${id}`,
  planAssessment: (serviceId: string) => `/quality/services/${serviceId}/assessments/new`,
  assessments: () => '/quality/assessments',
  assessment: (id: string) => `/quality/assessments/${id}`,
  question: (id: string, key: string) => `/quality/assessments/${id}/questions/${key}`,
  actions: () => '/quality/actions',
  action: (id: string) => `/quality/actions/${id}`,
  actionEvidence: (id: string, updateId: string) => `/quality/actions/${id}/evidence/${updateId}`,
  placementSurvey: (placementId: string) => `/quality/placements/${placementId}/survey`,
  surveyResults: () => '/quality/survey-results',
};
