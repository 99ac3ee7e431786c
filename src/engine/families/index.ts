/** The registry of form families: the first whose `matches` accepts a form is its family. */
import { national } from './national';
import { shanghai } from './shanghai';
import { FamilyModule, LayoutFeatures } from './types';

export type { FamilyModule, LayoutFeatures } from './types';

export type FamilyId = FamilyModule['id'];

/** In the order they are asked; the last one takes every form. */
export const FAMILIES: readonly FamilyModule[] = [national, shanghai];

export const FAMILY: Readonly<Record<FamilyId, FamilyModule>> = { national, shanghai };

export function familyOf(features: LayoutFeatures): FamilyModule {
  return FAMILIES.find((f) => f.matches(features)) ?? shanghai;
}

export function isFamilyId(id: string): id is FamilyId {
  return Object.prototype.hasOwnProperty.call(FAMILY, id);
}
