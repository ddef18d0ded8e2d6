// The brokerage part's links, for redirects, back links and navigation.
export const paths = {
  people: () => '/people',
  person: (id: string) => `/people/${id}`,
  referrals: () => '/referrals',
  referral: (id: string) => `/referrals/${id}`,
  offers: (status?: 'all') => (status ? `/offers?status=${status}` : '/offers'),
  offer: (id: string) => `/offers/${id}`,
  providerPlacements: () => '/provider-placements',
  vacancies: () => '/vacancies',
  schemes: () => '/schemes',
  scheme: (id: string) => `/schemes/${id}`,
  placements: () => '/placements',
  placement: (id: string) => `/placements/${id}`,
  embargoes: () => '/embargoes',
  rateCards: (vehicleId: string) => `/vehicles/${vehicleId}/rate-cards`,
  brokerageSettings: (vehicleId: string) => `/vehicles/${vehicleId}/brokerage-settings`,
  /** Procurement's page of the vehicle, where its rate cards and offer settings are reached from. */
  vehicle: (vehicleId: string) => `/vehicles/${vehicleId}`,
};
