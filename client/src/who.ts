import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** Runs `git config user.name` in `cwd`; undefined when git is missing, fails or has no name. */
function gitUserName(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000, windowsHide: true }, (error, stdout) => {
      const name = error ? '' : stdout.trim();
      resolve(name || undefined);
    });
  });
}

/** Who attests: git's user.name for the folder, else the operating-system user. */
export async function currentUser(cwd: string | undefined): Promise<string> {
  const git = await gitUserName(cwd);
  if (git) return git;
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

/** Today's date as ISO `YYYY-MM-DD` (local time: the day the person attested). */
export function isoDate(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
