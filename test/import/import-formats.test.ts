import { describe, expect, it } from "vitest";
import { listEnterprises } from "../../src/cli/commands/list-commands.ts";
import { importFile } from "../../src/import/import-file.ts";
import { createTestApp } from "../support/test-app.ts";
import { counterIds, csv, ENTERPRISE_HEADER, tempFile, validCode, xlsxBytes } from "./import-fixtures.ts";

const A = validCode(1);
const B = validCode(2);

describe("CSV and XLSX files", () => {
  it("give the same result, whatever the file is named", async () => {
    const rows = [
      ENTERPRISE_HEADER,
      ["甲厂", A, "工贸", "北岸街道", "北岸第一网格", "B", "北岸路1号"],
      ["乙厂", B, "建筑施工", "s1", "滨江第二网格", "", ""],
    ];
    const outcomes = [];
    for (const file of [
      tempFile("enterprises.csv", csv(rows)),
      tempFile("enterprises.dat", await xlsxBytes(rows)),
    ]) {
      const app = await createTestApp();
      try {
        const result = await importFile(app.deps, "enterprises", file, { newId: counterIds() });
        const stored = (await app.deps.uow.read(listEnterprises)).map(({ id: _, ...e }) => e);
        outcomes.push({ result, stored });
      } finally {
        await app.close();
      }
    }
    expect(outcomes[0]?.result).toMatchObject({ ok: true, created: 2 });
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
