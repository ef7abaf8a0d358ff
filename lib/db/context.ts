/** Who is writing and when; the rep id is null until the browser has talked to a server. */
export interface WriteContext {
  repId: string | null;
  now?: number;
}

export function nowOf(ctx: WriteContext): number {
  return ctx.now ?? Date.now();
}
