// Node ids are a public contract (`Stage`, `Stage/Job`, or the job alone). A name written twice in
// one scope (often the two branches of a `${{ if }}/${{ else }}`) still needs a unique id: the
// second gets `#2`, the third `#3`, in document order, so ids stay stable while the text does.
// (`#` cannot occur in a valid stage or job name.)
export class IdScope {
  private readonly seen = new Map<string, number>();

  take(base: string): string {
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  }
}
