/** The registration-ban look-up (POST, so the ID number never appears in an address or a log). */
import { answer, api, type JsonAnswer } from './http';

export type BanLookup = JsonAnswer<'/bans/lookup', 'post'>;

export function lookUpBan(idNumber: string, onDate?: string): Promise<BanLookup> {
  return answer(api.POST('/bans/lookup', { body: onDate ? { idNumber, onDate } : { idNumber } }));
}
