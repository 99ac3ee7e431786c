/** The registry of form families: the first whose `matches` accepts a form is its family. */
import { national } from './national';
import { shanghai } from './shanghai';
import { FamilyModule, LayoutFeatures } from './types';
import { yunnanHubei } from './yunnanHubei';

export type { FamilyModule, LayoutFeatures } from './types';

/** In the order they are asked; the last one takes every form. A new family is one line here. */
const MODULES = [yunnanHubei, national, shanghai] as const;

/** The id of a family of the registry: a union of the modules' ids. */
export type FamilyId = (typeof MODULES)[number]['id'];

export const FAMILIES: readonly FamilyModule[] = MODULES;

/** The registry's ids, in its order: what `ziping template --family` and the buttons list. */
export const FAMILY_IDS: readonly FamilyId[] = FAMILIES.map((f) => f.id);

export const FAMILY = Object.fromEntries(FAMILIES.map((f) => [f.id, f])) as Readonly<
  Record<FamilyId, FamilyModule>
>;

/** The family of forms that are of no other (the last asked), and the template written when none is named. */
export const DEFAULT_FAMILY: FamilyId = MODULES[MODULES.length - 1].id;

export function familyOf(features: LayoutFeatures): FamilyModule {
  return FAMILIES.find((f) => f.matches(features)) ?? FAMILY[DEFAULT_FAMILY];
}

export function isFamilyId(id: string): id is FamilyId {
  return Object.prototype.hasOwnProperty.call(FAMILY, id);
}
