// The records part's links.
export const paths = {
  subjectAccess: (personId: string) => `/people/${personId}/subject-access`,
  subjectAccessPdf: (personId: string) => `/people/${personId}/subject-access.pdf`,
  subjectAccessJson: (personId: string) => `/people/${personId}/subject-access.json`,
  erase: (personId: string) => `/people/${personId}/erase`,
  retentionRule: () => '/records/retention-rule',
  dueForErasure: () => '/records/due-for-erasure',
  person: (personId: string) => `/people/${personId}`,
};
