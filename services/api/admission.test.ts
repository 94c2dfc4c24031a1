import { describe, expect, it } from 'vitest';
import { Admission, declaredBodyBytes } from './admission.js';

describe('Admission', () => {
  it('takes requests in up to the request bound, and again once one is released', () => {
    const admission = new Admission(2, 1_000_000);
    expect([admission.tryAdmit(10), admission.tryAdmit(10), admission.tryAdmit(10)]).toStrictEqual([true, true, false]);
    admission.release(10);
    expect(admission.tryAdmit(10)).toBe(true);
    expect(admission.inFlight).toStrictEqual({ requests: 2, bytes: 20 });
  });

  it('refuses a request whose body would pass the byte bound, while a smaller one still fits', () => {
    const admission = new Admission(100, 1000);
    expect(admission.tryAdmit(900)).toBe(true);
    expect(admission.tryAdmit(200)).toBe(false);
    expect(admission.tryAdmit(100)).toBe(true);
  });

  it('counts a body without Content-Length (chunked) at the body limit', () => {
    expect(declaredBodyBytes('512', 1_048_576)).toBe(512);
    expect(declaredBodyBytes(undefined, 1_048_576)).toBe(1_048_576);
    expect(declaredBodyBytes('nonsense', 4096)).toBe(4096);
    expect(declaredBodyBytes('99999999', 4096)).toBe(4096);
  });
});
