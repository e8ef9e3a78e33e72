// Go's float formatting, needed wherever Helm prints a float64 through encoding/json or go-yaml.

/** strconv.FormatFloat(f, 'g', -1, 64), which is also fmt's %v: shortest digits, exponent form when the exponent is below -4 or at least 6. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mant.replace('-', '').replace('.', '');
  // in shortest mode Go decides with a precision of 6
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return f.toFixed(Math.max(0, digits.length - 1 - exp));
}

/** encoding/json's float64 text: %f unless the magnitude is below 1e-6 or at least 1e21, then %e with a short exponent. */
export function formatFloatJson(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const [mant, expText] = f.toExponential().split('e') as [string, string];
    const exp = Number(expText);
    return `${mant}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  if (Number.isInteger(f)) return f.toFixed(0);
  // shortest round-trip digits in plain notation
  const s = String(f);
  if (!s.includes('e')) return s;
  const [mant, expText] = s.split('e') as [string, string];
  const exp = Number(expText);
  const digits = mant.replace('-', '').replace('.', '');
  return f.toFixed(Math.max(0, digits.length - 1 - exp));
}
