// The notifications part's links, for redirects, back links and navigation.
export const paths = {
  messages: () => '/messages',
  message: (id: string) => `/messages/${id}`,
  outbox: () => '/admin/messages',
  outboxMessage: (id: string) => `/admin/messages/${id}`,
};
