/** A map's time as the explorer shows it: its own, a batched pass's (shared, said so) or none (cached). */
import { describe, expect, it } from 'vitest';
import { strings } from '../../../src/components/strings';

describe('mapTime', () => {
  it('says when a time belongs to one pass that made several maps, and when a map came from the cache', () => {
    const en = strings('en').mapTime;
    const es = strings('es').mapTime;
    expect(en({ ms: 480.4 })).toBe('480 ms');
    expect(en({ ms: 0.4 })).toBe('<1 ms');
    expect(en({ ms: 2043.2, shared: 4 })).toBe('2043 ms (one pass for 4 maps)');
    expect(en({ ms: 12, shared: 1 })).toBe('12 ms');
    expect(en({ ms: 0 })).toBe('cached');
    expect(en(undefined)).toBe('');
    expect(es({ ms: 2043.2, shared: 4 })).toBe('2043 ms (una pasada para 4 mapas)');
    expect(es({ ms: 0 })).toBe('en caché');
  });
});
