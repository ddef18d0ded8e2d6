// The provider registry's links, for redirects, back links and navigation.
export const paths = {
  providers: () => '/providers',
  newProvider: () => '/providers/new',
  provider: (id: string) => `/providers/${id}`,
  editProvider: (id: string) => `/providers/${id}/edit`,
  cqcImport: () => '/admin/import-cqc',
};
