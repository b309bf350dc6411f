/** The province's list of outside authorities a case may be referred to (GET/PUT /outside-authorities): the coordinator keeps it. */
import { answer, api } from './http';
import type { OutsideAuthority } from './transfers';

export { getOutsideAuthorities, type OutsideAuthority } from './transfers';

export const outsideAuthoritiesQueryKey = ['outside-authorities'] as const;

/** Adds an authority or changes one (its name, whether it is offered); referrals already made keep their name. */
export function saveOutsideAuthority(code: string, body: { name: string; active: boolean }): Promise<OutsideAuthority> {
  return answer(api.PUT('/outside-authorities/{code}', { params: { path: { code } }, body }));
}
