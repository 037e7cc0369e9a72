/** A problem with one field of an input, named the way the person who sent it will find it. */
export interface FieldProblem {
  field: string;
  message: string;
}
