// The organisations part's links, for redirects, back links and navigation.
export const paths = {
  account: () => '/account',
  people: () => '/admin/users',
  organisation: () => '/admin/organisation',
  person: (userId: string) => `/admin/users/${userId}`,
};
