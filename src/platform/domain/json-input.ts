// Type guards for checking JSON that arrives from a file or request before the pure rules use it.

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
export const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
export const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
