import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sixSignificantDigits } from '../../../src/runtime/six-significant-digits.js';

const byString = (x: number) => Number(x.toPrecision(6));

describe('six significant digits', () => {
  it('rounds as toPrecision does: half away from zero on the exact value, then the nearest double', () => {
    expect(sixSignificantDigits(0.0123456789)).toBe(0.0123457);
    expect(sixSignificantDigits(123456.5)).toBe(123457);
    expect(sixSignificantDigits(-2 / 3)).toBe(-0.666667);
    expect(sixSignificantDigits(1e21)).toBe(1e21);
    expect(Object.is(sixSignificantDigits(-0), 0)).toBe(true);
    expect(sixSignificantDigits(Number.NaN)).toBeNaN();
  });

  it('is the same double as Number(x.toPrecision(6)) for any double', () => {
    fc.assert(
      fc.property(fc.double(), (x) => Object.is(sixSignificantDigits(x), byString(x))),
      { numRuns: 20_000 },
    );
  });

  it('is the same double for rates of whole numbers, as engagement rates are', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.integer({ min: 1, max: 100_000_000 }), (total, followers) => Object.is(sixSignificantDigits(total / followers), byString(total / followers))),
      { numRuns: 20_000 },
    );
  });

  it('is the same double next to ties and powers of ten, where the scaled product cannot tell', () => {
    // x and the doubles one and two steps either side of it.
    const near = (x: number) => {
      const bits = new BigInt64Array(new Float64Array([x]).buffer)[0]!;
      return [-2n, -1n, 0n, 1n, 2n].map((step) => new Float64Array(new BigInt64Array([bits + step]).buffer)[0]!);
    };
    const digits = fc.integer({ min: 100_000, max: 999_999 });
    const exponent = fc.integer({ min: -20, max: 25 });
    fc.assert(
      fc.property(digits, exponent, fc.boolean(), (n, e, tie) => {
        const x = ((tie ? n + 0.5 : n) * 10 ** e) / 1e5;
        for (const v of near(x)) expect(sixSignificantDigits(v)).toBe(byString(v));
      }),
      { numRuns: 20_000 },
    );
  });
});
