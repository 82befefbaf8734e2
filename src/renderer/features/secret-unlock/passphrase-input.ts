/** What the passphrase form checks before asking main (main checks again). */
export const MIN_NEW_PASSPHRASE_LENGTH = 10;

/** A message saying what to fix, or null when the form can be sent. */
export function passphraseProblem(isNew: boolean, passphrase: string, confirmation: string): string | null {
  if (passphrase === '') return 'Type your passphrase.';
  if (!isNew) return null;
  if (passphrase.length < MIN_NEW_PASSPHRASE_LENGTH) {
    return `Choose a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters; a few words you will remember work well.`;
  }
  if (passphrase !== confirmation) return 'The two passphrases differ: type the same one twice.';
  return null;
}
