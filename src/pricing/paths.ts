// Pricing's links, for redirects, back links and navigation.
export const paths = {};
