import { MemoKey } from '../memo';
import type { DockerfileFile, Stage } from './dockerfile';

const PARENTS = new MemoKey<Int32Array>('parent stages');

/** For each stage, the index of the stage it builds on (`FROM <earlier stage name>`: the nearest earlier one so named), or -1. One pass per file. */
export function parentStages(file: DockerfileFile): Int32Array {
  return file.memo.get(PARENTS, () => {
    const parent = new Int32Array(file.stages.length).fill(-1);
    const latest = new Map<string, number>();
    for (const stage of file.stages) {
      if (stage.fromStage && stage.image) parent[stage.index] = latest.get(stage.image.toLowerCase()) ?? -1;
      if (stage.name) latest.set(stage.name, stage.index);
    }
    return parent;
  });
}

/** The stages a stage builds on, root first, ending with the stage itself (`FROM builder` chains). */
export function stageChain(file: DockerfileFile, stage: Stage): Stage[] {
  const parent = parentStages(file);
  const chain: Stage[] = [stage];
  // a parent always comes earlier in the file, so the walk ends
  for (let k = parent[stage.index]!; k >= 0; k = parent[k]!) chain.push(file.stages[k]!);
  return chain.reverse();
}
