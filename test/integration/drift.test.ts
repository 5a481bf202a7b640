import { expect, it } from 'vitest';

it('prisma/schema.prisma and prisma/migrations describe the same schema (no drift)', async () => {
  const { diffMigrationsToSchema } = (await import('../../scripts/db-diff.mjs' as string)) as {
    diffMigrationsToSchema(): Promise<{ exitCode: number; stdout: string }>;
  };
  const { exitCode, stdout } = await diffMigrationsToSchema();
  expect(
    exitCode,
    `schema.prisma has changes without a migration: run npm run db:new -- <name>\n${stdout}`,
  ).toBe(0);
});
