/**
 * The address of an intermediary's order on the 中介机构 page (#/intermediaries?city=…&intermediary=…&order=…):
 * the page opens that city (a coordinator's pick), that intermediary's row and the order's procedure card.
 * Lists of procedures (待办程序, 负责人审批) link an order's procedure here, as they link a case's to its page.
 */
export function intermediaryOrderPath(k: { cityCode: string; intermediaryId: number; orderId: number }): string {
  const q = new URLSearchParams({ city: k.cityCode, intermediary: String(k.intermediaryId), order: String(k.orderId) });
  return `/intermediaries?${q.toString()}`;
}

/** The intermediary and order an address names, if any. */
export function orderOfSearch(params: URLSearchParams): { cityCode?: string; intermediaryId?: number; orderId?: number } {
  const n = (v: string | null) => (v && /^[1-9][0-9]{0,15}$/.test(v) ? Number(v) : undefined);
  const city = params.get('city');
  return { cityCode: city && /^[0-9]{4}$/.test(city) ? city : undefined, intermediaryId: n(params.get('intermediary')), orderId: n(params.get('order')) };
}
