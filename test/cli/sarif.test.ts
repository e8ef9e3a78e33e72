import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ENGINE_RULES } from '../../shared/src/engine-rules';
import { allRules } from '../../shared/src/lint';
import { runMain, SAMPLE, workspace } from './helpers';

/** The official SARIF 2.1.0 schema (draft-04), compiled with Ajv's draft-07 validator. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(__dirname, '../fixtures/cli/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // draft-04 spells the schema id `id`; the keywords the SARIF schema uses mean the same in draft-07
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: Record<string, any>[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: Record<string, any>[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: Record<string, any>[];
  }[];
}

async function sarifOf(args: string[]): Promise<Sarif> {
  const r = await runMain([...args, '--format', 'sarif']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Sarif;
}

describe('SARIF output', () => {
  it('the validator rejects a broken log (the schema is in force)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startLine: 0 } } }] }] }] }), false);
  });
  it('is valid SARIF 2.1.0 for the sample, with one run and the whole catalogue as rules', async () => {
    const log = await sarifOf([SAMPLE]);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'bollwerk');
    assert.equal(driver.informationUri, undefined, 'no home page address: the tool has none');
    assert.deepEqual(driver.rules.map((r) => r.id), [...allRules(), ...ENGINE_RULES].map((r) => r.id));
  });
  it('describes each rule with help, docs link, level and properties', async () => {
    const log = await sarifOf([SAMPLE]);
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'dockerfile/prefer-copy')!;
    assert.equal(rule.shortDescription.text, 'Use COPY instead of ADD for local files');
    assert.match(rule.fullDescription.text, /ADD silently downloads/);
    assert.match(rule.help.text, /Fix: Replace ADD with COPY\./);
    assert.match(rule.help.markdown, /```\nADD app\.py \/app\/\n```/);
    assert.match(rule.help.markdown, /- CSVS-3\.11: /);
    assert.equal(rule.helpUri, undefined, 'the help travels in the log itself');
    assert.equal(rule.defaultConfiguration.level, 'warning');
    assert.deepEqual(rule.properties.equivalents, ['hadolint:DL3020', 'checkov:CKV_DOCKER_4', 'trivy:DS005']);
    assert.equal(rule.properties.references[0].id, 'CSVS-3.11');
    assert.ok(rule.properties.references[0].text.length > 10, 'reference carries the item text');
    assert.ok(rule.properties.tags.includes('security'));
  });
  it('reports results with ruleIndex, level, 1-based regions relative to SRCROOT and fixes', async () => {
    const log = await sarifOf([SAMPLE]);
    const run = log.runs[0]!;
    assert.match(run.originalUriBaseIds.SRCROOT!.uri, /^file:\/\/\/.*\/test\/fixtures\/sample\/$/);
    const copy = run.results.find((r) => r.ruleId === 'dockerfile/prefer-copy')!;
    assert.equal(run.tool.driver.rules[copy.ruleIndex]!.id, 'dockerfile/prefer-copy');
    assert.equal(copy.level, 'warning');
    assert.deepEqual(copy.locations[0].physicalLocation, { artifactLocation: { uri: 'Dockerfile', uriBaseId: 'SRCROOT' }, region: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 4 } });
    assert.deepEqual(copy.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 4 }, insertedContent: { text: 'COPY' } }]);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
    const info = run.results.filter((r) => r.level === 'note');
    assert.ok(info.length > 0, 'info maps to note');
  });
  it('reports skipped files as tool execution notifications, still valid', async () => {
    const dir = workspace({ 'Dockerfile': Buffer.from([0x46, 0, 0x41]), 'compose.yaml': 'services:\n  a:\n    image: x:1\n' });
    const log = await sarifOf([dir]);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications;
    assert.equal(notes.length, 1);
    assert.equal(notes[0]!.descriptor.id, 'binary');
    assert.equal(notes[0]!.locations[0].physicalLocation.artifactLocation.uri, 'Dockerfile');
  });
  it('messages follow --lang', async () => {
    const log = await sarifOf([SAMPLE, '--lang', 'de']);
    const copy = log.runs[0]!.results.find((r) => r.ruleId === 'dockerfile/prefer-copy')!;
    assert.match(copy.message.text, /COPY verwenden/);
    assert.ok(validate(log));
  });
  it('encodes paths with spaces and # as URI references', async () => {
    const dir = workspace({ 'odd dir/a#b/compose.yaml': 'services:\n  a:\n    image: x:latest\n' });
    const log = await sarifOf([dir]);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
    assert.ok(log.runs[0]!.results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'odd%20dir/a%23b/compose.yaml'));
  });
});
