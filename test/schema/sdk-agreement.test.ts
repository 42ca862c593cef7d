import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  DeploymentCommandName as SdkCommandName,
  type CreateDeploymentRequest as SdkCreateDeploymentRequest,
  type Deployment as SdkDeployment,
  type DeploymentCommand as SdkDeploymentCommand,
} from '@aws-sdk/client-opsworks';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CreateDeploymentRequest, Deployment, DeploymentCommand } from '../../src/schema/index.js';
import {
  createDeploymentRequestSchema,
  createDeploymentResultSchema,
  describeDeploymentsResultSchema,
} from '../../src/schema/schemas.js';

/**
 * The SDK serialises CreateDeployment with a pass-through `_json(input)`, so its member names exist
 * only in its type declarations. Read them from there: `Name: T` is required, `Name?: T` optional.
 */
async function sdkMembers(): Promise<Map<string, { name: string; required: boolean }[]>> {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('@aws-sdk/client-opsworks')), '..', 'dist-types', 'models');
  const texts = await Promise.all(
    (await readdir(root)).filter((f) => f.endsWith('.d.ts')).map((f) => readFile(join(root, f), 'utf8')),
  );
  const interfaces = new Map<string, { name: string; required: boolean }[]>();
  for (const text of texts) {
    for (const m of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
      const body = (m[2] ?? '').replace(/\/\*\*[\s\S]*?\*\//g, '');
      const members = [...body.matchAll(/^\s+(\w+)(\??):/gm)].map((mm) => ({
        name: mm[1] ?? '',
        required: mm[2] !== '?',
      }));
      interfaces.set(m[1] ?? '', members);
    }
  }
  return interfaces;
}

function schemaMembers(s: { properties: object; required?: readonly string[] }) {
  return Object.keys(s.properties).map((name) => ({ name, required: (s.required ?? []).includes(name) }));
}

describe('the schema agrees with @aws-sdk/client-opsworks', () => {
  it('on the 12 DeploymentCommandName values (the SDK lists them alphabetically)', () => {
    const values = Object.values(SdkCommandName);
    expect(values).toHaveLength(12);
    expect([...createDeploymentRequestSchema.$defs.DeploymentCommandName.enum].sort()).toEqual(
      [...values].sort(),
    );
  });

  it('on the members of CreateDeploymentRequest, DeploymentCommand, CreateDeploymentResult and Deployment', async () => {
    const sdk = await sdkMembers();
    expect(sdk.get('CreateDeploymentRequest')).toEqual(schemaMembers(createDeploymentRequestSchema));
    expect(sdk.get('DeploymentCommand')).toEqual(
      schemaMembers(createDeploymentRequestSchema.$defs.DeploymentCommand),
    );
    expect(sdk.get('CreateDeploymentResult')).toEqual(schemaMembers(createDeploymentResultSchema));
    // DescribeDeployments' Deployment: member names only (the SDK marks none of them required).
    expect(sdk.get('Deployment')?.map((m) => m.name)).toEqual(
      Object.keys(describeDeploymentsResultSchema.$defs.Deployment.properties),
    );
  });

  it('at the type level too (checked by `tsc`)', () => {
    expectTypeOf<keyof CreateDeploymentRequest>().toEqualTypeOf<keyof SdkCreateDeploymentRequest>();
    expectTypeOf<keyof DeploymentCommand>().toEqualTypeOf<keyof SdkDeploymentCommand>();
    expectTypeOf<keyof Deployment>().toEqualTypeOf<keyof SdkDeployment>();
    expectTypeOf<DeploymentCommand['Name']>().toEqualTypeOf<NonNullable<SdkDeploymentCommand['Name']>>();
  });
});
