/** The simulated account: one main user and its subaccounts, all derived from the seed. */
export interface SimUser {
  readonly userId: number;
  readonly username: string;
  readonly email: string;
  readonly isMain: boolean;
}

export function buildSimUsers(seed: number, subaccounts: number): readonly SimUser[] {
  const mainUserId = 1000 + (Math.abs(Math.trunc(seed)) % 1000) * 100;
  const main: SimUser = {
    userId: mainUserId,
    username: `SimTrader${seed}`,
    email: `trader${seed}@example.com`,
    isMain: true,
  };
  const subs = Array.from({ length: subaccounts }, (_, i): SimUser => ({
    userId: mainUserId + 1 + i,
    username: `SimTrader${seed}_sub${i + 1}`,
    email: `trader${seed}+sub${i + 1}@example.com`,
    isMain: false,
  }));
  return [main, ...subs];
}
