/** Runs `action` with console.error recorded; returns what was logged and what the action gave. */
export async function errorsDuring<T>(action: () => Promise<T>): Promise<{ errors: string[]; result: T }> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.join(' '));
  try {
    return { errors, result: await action() };
  } finally {
    console.error = original;
  }
}
