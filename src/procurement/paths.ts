// The procurement part's links, for redirects, back links and navigation.

/** A list's address with its filter and page, leaving out what is not set. */
function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const set = Object.entries(query).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return set.length === 0 ? path : `${path}?${new URLSearchParams(set.map(([key, value]) => [key, String(value)]))}`;
}

export const paths = {
  vehicles: (query: { search?: string; status?: string; page?: number } = {}) => withQuery('/vehicles', query),
  newVehicle: () => '/vehicles/new',
  vehicle: (vehicleId: string) => `/vehicles/${vehicleId}`,
  changeVehicle: (vehicleId: string) => `/vehicles/${vehicleId}/edit`,
  /** Reopening a live framework in its next round. */
  newRound: (vehicleId: string) => `/vehicles/${vehicleId}/rounds/new`,
  clarifications: (vehicleId: string) => `/vehicles/${vehicleId}#clarifications`,
  questions: (vehicleId: string) => `/vehicles/${vehicleId}/questions`,
  evaluation: (vehicleId: string) => `/vehicles/${vehicleId}/evaluation`,
  /** The evaluator's declaration on conflicts of interest, a form on the evaluation page. */
  declaration: (vehicleId: string) => `/vehicles/${vehicleId}/evaluation#declaration`,
  tiers: (vehicleId: string) => `/vehicles/${vehicleId}/tiers`,
  award: (vehicleId: string) => `/vehicles/${vehicleId}/award`,
  openData: (vehicleId: string) => `/vehicles/${vehicleId}/ocds.json`,
  /** A Provider Selection Regime vehicle's decision record. */
  psr: (vehicleId: string) => `/vehicles/${vehicleId}/psr`,
  notices: (vehicleId: string) => `/vehicles/${vehicleId}/notices`,
  publishNotice: (vehicleId: string) => `/vehicles/${vehicleId}/notices/publish`,
  notice: (vehicleId: string, noticeId: string) => `/vehicles/${vehicleId}/notices/${noticeId}`,
  noticeRelease: (vehicleId: string, noticeId: string) => `/vehicles/${vehicleId}/notices/${noticeId}/release.json`,
  /** Published for anyone, with no sign-in: an organisation's live vehicles, and each published vehicle. */
  publicVehicles: (organisationCode: string) => `/public/${encodeURIComponent(organisationCode)}/vehicles`,
  publicVehicle: (organisationCode: string, vehicleId: string) =>
    `/public/${encodeURIComponent(organisationCode)}/vehicles/${vehicleId}`,
  applications: (query: { vehicleId?: string; page?: number } = {}) => withQuery('/applications', query),
  application: (applicationId: string) => `/applications/${applicationId}`,
  /** One of the applicant's tasks: lots, prices, documents, submit, or `questions/<id>`. */
  applicationTask: (applicationId: string, task: string) => `/applications/${applicationId}/${task}`,
  applicationQuestion: (applicationId: string, questionId: string) =>
    `/applications/${applicationId}/questions/${questionId}`,
  applicationDocuments: (applicationId: string) => `/applications/${applicationId}/documents`,
  scoring: (applicationId: string) => `/applications/${applicationId}/scoring`,
  moderation: (applicationId: string) => `/applications/${applicationId}/moderation`,
};
