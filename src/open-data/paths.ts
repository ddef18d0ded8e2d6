// Open data's addresses: the feeds, and an organisation's bulk file. The public pages of vehicles
// are procurement's (its notices cite them), see procurement/paths.ts.
export const paths = {
  releases: () => '/open-data/ocds/releases',
  records: () => '/open-data/ocds/records',
  bulk: (organisationCode: string) =>
    `/open-data/ocds/organisations/${encodeURIComponent(organisationCode)}/releases.json`,
};
