/**
 * Sprig v3's functions as Helm includes them (Masterminds/sprig v3 TxtFuncMap without `env` and
 * `expandenv`), for the Helm renderer. Random, time and certificate functions are deterministic
 * stand-ins (standins.ts, time.ts); `onStandIn` hears the name of each one a template calls, so
 * that the renderer can note that the output contains placeholders.
 */
import { fail } from '../template/exec';
import { type FuncMap, combineFuncs, goFunc } from '../template/func';
import { dictFuncs } from './dicts';
import { encodingFuncs } from './encoding';
import { listFuncs } from './lists';
import { numberFuncs } from './numbers';
import { pathFuncs } from './paths';
import { regexFuncs } from './regex';
import { semverFuncs } from './semver';
import { standInFuncs } from './standins';
import { stringFuncs } from './strings';
import { timeFuncs } from './time';

export { STAND_IN_NOW } from './time';

/** Options of the Sprig function map. */
export interface SprigOptions {
  /** Called with the function name each time a stand-in (random, time, certificate, crypto) is used. */
  readonly onStandIn?: (name: string) => void;
}

/** The Sprig functions Helm's engine has. */
export function sprigFuncs(options: SprigOptions = {}): FuncMap {
  const used = options.onStandIn ?? ((): void => {});
  return combineFuncs(
    stringFuncs(),
    numberFuncs(),
    listFuncs(),
    dictFuncs(),
    encodingFuncs(),
    regexFuncs(),
    semverFuncs(),
    pathFuncs(),
    timeFuncs(used),
    standInFuncs(used),
    { fail: goFunc(['string'], undefined, (msg: string) => fail(msg)) },
  );
}
