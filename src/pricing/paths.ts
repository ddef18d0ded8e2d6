// Pricing's links, for redirects, back links and navigation.
export const paths = {
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
