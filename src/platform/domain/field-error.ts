/** A problem with one field of a form or request body. */
export interface FieldError {
  /** The field's name, as in the form or the JSON body ("cqcProviderId", "contacts.0.email"). */
  field: string;
  message: string;
}
