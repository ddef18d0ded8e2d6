// Quality's links, for redirects, back links and navigation.
export const paths = {
  framework: () => '/quality/framework',
  frameworkVersion: (version: number) => `/quality/framework/versions/${version}`,
  startFramework: () => '/quality/framework/start',
  schedule: () => '/quality/schedule',
  bringIn: () => '/quality/schedule/bring-in',
  service: (id: string) => `/quality/services/${id}`,
  placementSurvey: (placementId: string) => `/quality/placements/${placementId}/survey`,
  surveyResults: () => '/quality/survey-results',
};
