/**
 * The registry of form families. They are offered (menus, buttons, `--help`) in the order of
 * MODULES, the general forms first, and asked from the last to the first: the first whose
 * `matches` accepts a form is its family, and the first of MODULES takes every form.
 */
import { national } from './national';
import { shanghai } from './shanghai';
import { FamilyModule, LayoutFeatures } from './types';
import { yunnanHubei } from './yunnanHubei';

export type { FamilyModule, LayoutFeatures } from './types';

/** In the order they are offered; asked from the last. A new family is one line here. */
const MODULES = [shanghai, national, yunnanHubei] as const;

/** The id of a family of the registry: a union of the modules' ids. */
export type FamilyId = (typeof MODULES)[number]['id'];

export const FAMILIES: readonly FamilyModule[] = MODULES;

/** The registry's ids, in its order: what `ziping template --family` and the buttons list. */
export const FAMILY_IDS: readonly FamilyId[] = FAMILIES.map((f) => f.id);

export const FAMILY = Object.fromEntries(FAMILIES.map((f) => [f.id, f])) as Readonly<
  Record<FamilyId, FamilyModule>
>;

/** The family of forms that are of no other (the last asked), and the template written when none is named. */
export const DEFAULT_FAMILY: FamilyId = MODULES[0].id;

/** The most particular first: the order families are asked in. */
const ASKED: readonly FamilyModule[] = [...FAMILIES].reverse();

export function familyOf(features: LayoutFeatures): FamilyModule {
  return ASKED.find((f) => f.matches(features)) ?? FAMILY[DEFAULT_FAMILY];
}

export function isFamilyId(id: string): id is FamilyId {
  return Object.prototype.hasOwnProperty.call(FAMILY, id);
}
