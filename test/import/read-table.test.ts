import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readTable } from "../../src/import/read-table.ts";
import { FIXTURES } from "../support/test-app.ts";
import { xlsxBytes } from "./import-fixtures.ts";

const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("reading an import file", () => {
  it("reads UTF-8 CSV with or without a BOM to the same trimmed rows", async () => {
    const text = "姓名,手机号\n 张三 , 13900000001\n";
    const plain = await readTable(utf8(text));
    const withBom = await readTable(utf8(`\ufeff${text}`));
    expect(plain).toEqual({
      ok: true,
      format: "csv",
      table: { header: ["姓名", "手机号"], rows: [{ row: 2, cells: ["张三", "13900000001"] }] },
    });
    expect(withBom).toEqual(plain);
  });

  it("numbers rows as a spreadsheet does: blank rows skipped but counted, a multi-line cell is one row", async () => {
    const read = await readTable(utf8('a,b\r\n\r\n"line 1\nline 2",x\r\n,\r\nlast,y\r\n'));
    expect(read.ok && read.table.rows).toEqual([
      { row: 3, cells: ["line 1\nline 2", "x"] },
      { row: 5, cells: ["last", "y"] },
    ]);
  });

  it("accepts semicolon- and tab-separated files", async () => {
    for (const sep of [";", "\t"]) {
      const read = await readTable(utf8(`a${sep}b\n1${sep}2\n`));
      expect(read.ok && read.table).toEqual({ header: ["a", "b"], rows: [{ row: 2, cells: ["1", "2"] }] });
    }
  });

  it("reads the first worksheet of an XLSX file by content, numbers shown as text", async () => {
    const bytes = await xlsxBytes([["姓名", "手机号"], [], ["张三", 13900000001]], true);
    const read = await readTable(bytes);
    expect(read).toEqual({
      ok: true,
      format: "xlsx",
      table: { header: ["姓名", "手机号"], rows: [{ row: 3, cells: ["张三", "13900000001"] }] },
    });
  });

  it("says so when a CSV is not UTF-8, naming the line", async () => {
    // "企业" in GBK on line 2.
    const read = await readTable(
      Buffer.concat([utf8("name,code\n"), Buffer.from([0xc6, 0xf3, 0xd2, 0xb5]), utf8(",x\n")]),
    );
    expect(read).toEqual({ ok: false, code: "file_not_utf8", params: { line: 2 } });
  });

  it("refuses files that are not spreadsheets, naming what they are", async () => {
    const png = fs.readFileSync(path.join(FIXTURES, "exit-blocked.png"));
    const cases: [Buffer, string][] = [
      [png, "file_image"],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "file_xls"],
      [Buffer.from("\ufeffa,b", "utf16le"), "file_utf16"],
      [Buffer.from([0x01, 0x00, 0x02, 0x03]), "file_binary"],
      [Buffer.from("PK\x03\x04 not really a zip", "latin1"), "xlsx_unreadable"],
    ];
    for (const [bytes, code] of cases) {
      const read = await readTable(bytes);
      expect(!read.ok && read.code).toBe(code);
    }
  });

  it("calls an empty file empty, BOM or blank lines alone included", async () => {
    for (const text of ["", "\ufeff", "\n\n ,\n"])
      expect(await readTable(utf8(text))).toEqual({ ok: false, code: "file_empty" });
  });

  it("reports broken CSV quoting as a value, not a crash", async () => {
    const read = await readTable(utf8('a,b\n"unclosed,1\n'));
    expect(!read.ok && read.code).toBe("csv_unreadable");
  });
});
