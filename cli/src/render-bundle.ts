/** The entry of dist/cli-render.js (esbuild.mjs): the scan's deployable-unit passes and what --fix needs of them. */
export * from '../../host/src/workspace/deployables';
export * from './deployables';
