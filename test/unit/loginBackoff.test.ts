import { backoffAfter } from '../../api/auth/login';

describe('the log-in wait for a user name', () => {
  const policy = { freeFailures: 5, backoffSeconds: 1, backoffMaxSeconds: 60 };

  it('is none for the first failures, then doubles from the base', () => {
    expect([1, 2, 3, 4].map((n) => backoffAfter(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => backoffAfter(n, policy))).toEqual([1, 2, 4, 8, 16]);
  });

  it('stops at the maximum however many failures follow, so no stranger can lock an owner out for long', () => {
    expect(backoffAfter(11, policy)).toBe(60);
    expect(backoffAfter(10_000, policy)).toBe(60);
  });
});
