// Putting words together for messages, so every message lists things the same way.

/** "a", "a and b", "a, b, and c"; "a, which …, and b" when a phrase holds a comma itself. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2 && !items.some((i) => i.includes(','))) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}
