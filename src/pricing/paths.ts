// Pricing's links, for redirects, back links and navigation.
export const paths = {
  uplifts: () => '/pricing/uplifts',
  newUplift: () => '/pricing/uplifts/new',
  uplift: (id: string) => `/pricing/uplifts/${id}`,
  approveUplift: (id: string) => `/pricing/uplifts/${id}/approve`,
  upliftLetters: () => '/pricing/uplift-letters',
  upliftLetter: (id: string) => `/pricing/uplift-letters/${id}`,
  upliftLetterPdf: (id: string) => `/pricing/uplift-letters/${id}/letter.pdf`,
  schedules: () => '/pricing/payment-schedules',
  generateSchedule: () => '/pricing/payment-schedules/generate',
  schedule: (id: string) => `/pricing/payment-schedules/${id}`,
  exportSchedule: (id: string) => `/pricing/payment-schedules/${id}/export`,
  scheduleCsv: (id: string) => `/pricing/payment-schedules/${id}/schedule.csv`,
  recharge: (id: string) => `/pricing/payment-schedules/${id}/recharge`,
  rechargeCsv: (id: string) => `/pricing/payment-schedules/${id}/recharge.csv`,
  paymentSettings: () => '/pricing/payment-settings',
  supplierReferences: () => '/pricing/payment-settings/supplier-references',
  statements: () => '/pricing/statements',
  statement: (scheduleId: string, providerId?: string) =>
    `/pricing/statements/${scheduleId}${providerId ? `?providerId=${providerId}` : ''}`,
  statementCsv: (scheduleId: string, providerId?: string) =>
    `/pricing/statements/${scheduleId}/statement.csv${providerId ? `?providerId=${providerId}` : ''}`,
};
