// What the brokerage API's operations answer alike.
export const NOT_FOUND = { 404: 'No such record, or not yours to see' };
