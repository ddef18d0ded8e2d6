// Text someone typed, matched with LIKE as the letters it is: its % and _ are not wildcards.
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');
