/**
 * A write that repairs a finding. Computation (compute/chain.ts) builds the repairs of the
 * figures that follow from one another and rules hand them on: the type lives apart from both.
 */
export interface FixWrite {
  readonly cell: string;
  /** The value to write; null clears the cell. */
  readonly value: string | number | null;
}
