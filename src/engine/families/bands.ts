import { GradeBand } from '../compute/bands';
import { dec } from '../compute/decimal';

export function band(grade: string, min: number, max: number): GradeBand {
  return { grade, min: dec(min), max: dec(max) };
}
