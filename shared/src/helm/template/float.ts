// Ported from Go's src/strconv/ftoa.go: FormatFloat(f, fmt, prec, 64) for the 'e', 'E', 'f', 'g'
// and 'G' formats, shortest (prec -1) and fixed precision. Copyright 2009 The Go Authors; BSD
// licence, see LICENSE-GO.md. The digits come from JavaScript's own shortest and fixed conversions.

interface Digits {
  /** Decimal digits without leading or trailing zeros ('' for zero). */
  d: string;
  /** Decimal point position: the value is 0.d × 10^dp. */
  dp: number;
}

function shortest(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const [mant, exp] = abs.toExponential().split('e') as [string, string];
  return trim({ d: mant.replace('.', ''), dp: Number(exp) + 1 });
}

function rounded(abs: number, sig: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const frac = Math.min(100, Math.max(0, sig - 1));
  // JavaScript rounds exact ties up; Go rounds them to even (0.125 → 0.12)
  const [longMant, longExp] = abs.toExponential(Math.min(100, frac + 30)).split('e') as [string, string];
  const longDigits = longMant.replace('.', '');
  if (/^50*$/.test(longDigits.slice(frac + 1)) && Number(longDigits[frac]) % 2 === 0) {
    return trim({ d: longDigits.slice(0, frac + 1), dp: Number(longExp) + 1 });
  }
  const [mant, exp] = abs.toExponential(frac).split('e') as [string, string];
  return trim({ d: mant.replace('.', ''), dp: Number(exp) + 1 });
}

function trim(x: Digits): Digits {
  let d = x.d.replace(/0+$/, '');
  if (d === '') return { d: '', dp: 0 };
  d = d.replace(/^0+/, '');
  return { d, dp: x.dp };
}

/** strconv.FormatFloat(f, verb, prec, 64). */
export function formatFloat(f: number, verb: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const neg = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  const shortestMode = prec < 0;
  let digs: Digits;
  if (shortestMode) {
    digs = shortest(abs);
    switch (verb) {
      case 'e': case 'E': prec = Math.max(digs.d.length - 1, 0); break;
      case 'f': prec = Math.max(digs.d.length - digs.dp, 0); break;
      case 'g': case 'G': prec = digs.d.length; break;
    }
  } else {
    switch (verb) {
      case 'e': case 'E': digs = rounded(abs, prec + 1); break;
      case 'f': digs = fixedDigits(abs, prec); break;
      default: {
        if (prec === 0) prec = 1;
        digs = rounded(abs, prec);
      }
    }
  }
  const sign = neg ? '-' : '';
  switch (verb) {
    case 'e': case 'E': return sign + fmtE(digs, prec, verb);
    case 'f': return sign + fmtF(digs, prec);
    default: {
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      // %e is used if the exponent from the conversion is less than -4 or greater than or
      // equal to the precision; shortest mode decides with precision 6
      if (shortestMode) eprec = 6;
      const exp = digs.dp - 1;
      if (digs.d === '' ) return sign + '0';
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.d.length) prec = digs.d.length;
        return sign + fmtE(digs, prec - 1, verb === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = digs.d.length;
      return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
    }
  }
}

function fixedDigits(abs: number, prec: number): Digits {
  if (abs >= 1e21 || prec > 100) {
    const s = shortest(abs);
    return s;
  }
  let s = abs.toFixed(prec);
  // JavaScript rounds exact ties up; Go rounds them to even (0.25 → 0.2)
  const long = abs.toFixed(Math.min(100, prec + 30));
  const dot = long.indexOf('.');
  const cut = prec === 0 ? dot : dot + 1 + prec;
  const last = long[prec === 0 ? dot - 1 : cut - 1]!;
  if (/^50*$/.test(long.slice(cut).replace('.', '')) && Number(last) % 2 === 0) s = long.slice(0, cut);
  const [intPart, frac = ''] = s.split('.') as [string, string?];
  const all = (intPart + frac).replace(/^0+/, '');
  if (all === '' || /^0*$/.test(all)) return { d: '', dp: 0 };
  const dp = intPart === '0' ? -(frac.length - frac.replace(/^0+/, '').length) : intPart.length;
  return trim({ d: all, dp });
}

function fmtE(digs: Digits, prec: number, e: string): string {
  const first = digs.d === '' ? '0' : digs.d[0]!;
  let out = first;
  if (prec > 0) {
    out += '.';
    const rest = digs.d.slice(1, 1 + prec);
    out += rest + '0'.repeat(prec - rest.length);
  }
  let exp = digs.d === '' ? 0 : digs.dp - 1;
  const esign = exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  return `${out}${e}${esign}${exp < 10 ? '0' : ''}${exp}`;
}

function fmtF(digs: Digits, prec: number): string {
  let out = '';
  if (digs.dp > 0) {
    const m = Math.min(digs.d.length, digs.dp);
    out = digs.d.slice(0, m) + '0'.repeat(digs.dp - m);
  } else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = digs.dp + i - 1;
      out += j >= 0 && j < digs.d.length ? digs.d[j] : '0';
    }
  }
  return out;
}
