import { MemoKey } from '../../../memo';
import type { DockerfileFile, Instruction, Stage } from '../../../parse/dockerfile';
import type { Range } from '../../../types';

/** An image named by a FROM or a `COPY --from=<image>`. */
export interface ImageUse {
  readonly text: string;
  readonly range: Range;
  readonly instruction: Instruction;
  readonly stage: Stage;
  readonly via: 'from' | 'copy';
}

const IMAGE_USES = new MemoKey<ImageUse[]>('image uses');

/** Every external image the Dockerfile names: FROM images (not stage names, not scratch) and `COPY --from=<image>`. Cached per file. */
export function imageUses(file: DockerfileFile): ImageUse[] {
  return file.memo.get(IMAGE_USES, () => readImageUses(file));
}

function readImageUses(file: DockerfileFile): ImageUse[] {
  const uses: ImageUse[] = [];
  const names = new Set<string>();
  for (const stage of file.stages) {
    const range = stage.from.getImageRange();
    if (stage.image && range && !stage.fromStage && stage.image.toLowerCase() !== 'scratch') {
      uses.push({ text: stage.image, range, instruction: stage.from, stage, via: 'from' });
    }
    const instructions = stage.instructions;
    for (let k = 0; k < instructions.length; k++) {
      const i = instructions[k]!;
      if (i.getKeyword() !== 'COPY') continue;
      const flag = i.getFlags().find((f) => f.getName() === 'from');
      const value = flag?.getValue();
      const valueRange = flag?.getValueRange();
      if (!value || !valueRange || /^\d+$/.test(value) || names.has(value.toLowerCase())) continue;
      uses.push({ text: value, range: valueRange, instruction: i, stage, via: 'copy' });
    }
    if (stage.name) names.add(stage.name);
  }
  return uses;
}
