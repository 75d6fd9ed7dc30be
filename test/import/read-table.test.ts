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
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/not valid UTF-8 \(first bad byte on line 2\).*CSV UTF-8/);
  });

  it("refuses files that are not spreadsheets, naming what they are", async () => {
    const png = fs.readFileSync(path.join(FIXTURES, "exit-blocked.png"));
    const cases: [Buffer, RegExp][] = [
      [png, /not a CSV or XLSX spreadsheet: a PNG image/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /old Excel \.xls/],
      [Buffer.from("\ufeffa,b", "utf16le"), /UTF-16/],
      [Buffer.from([0x01, 0x00, 0x02, 0x03]), /binary/],
      [Buffer.from("PK\x03\x04 not really a zip", "latin1"), /a zip file but not a readable XLSX workbook/],
    ];
    for (const [bytes, message] of cases) {
      const read = await readTable(bytes);
      expect(!read.ok && read.message).toMatch(message);
    }
  });

  it("calls an empty file empty, BOM or blank lines alone included", async () => {
    for (const text of ["", "\ufeff", "\n\n ,\n"])
      expect(await readTable(utf8(text))).toEqual({ ok: false, message: "the file is empty" });
  });

  it("reports broken CSV quoting as a value, not a crash", async () => {
    const read = await readTable(utf8('a,b\n"unclosed,1\n'));
    expect(!read.ok && read.message).toMatch(/not a readable CSV file/);
  });
});
