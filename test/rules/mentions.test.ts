import { describe, expect, it } from "vitest";
import { mentions } from "../../src/rules/mentions.ts";

describe("a report mentions a keyword as present, not as absent", () => {
  it("reads the cleared exit with dark lighting: lighting yes, blocking no", () => {
    const said = "疏散通道已清理，未见堵塞，但楼梯间应急照明不亮";
    expect(mentions(said, "堵")).toBe(false);
    expect(mentions(said, "应急照明")).toBe(true);
    expect(mentions(said, "不亮")).toBe(true);
    expect(mentions(said, "疏散通道")).toBe(true);
  });

  it.each([
    ["未见堵塞", "堵"],
    ["未发现明显堵塞", "堵"],
    ["没有发现通道被占用", "占用"],
    ["通道没有堆放杂物", "堆放"],
    ["消防通道无杂物堆放", "堆放"],
    ["安全出口未上锁", "锁"],
    ["不存在锁闭情况", "锁"],
    ["已清理通道内堆放的纸箱", "堆放"],
    ["灭火器没有过期", "过期"],
  ])("「%s」 does not mention %s", (said, keyword) => {
    expect(mentions(said, keyword)).toBe(false);
  });

  it.each([
    ["安全出口被锁", "锁"],
    ["无证人员电焊", "电焊"],
    ["无证电焊", "电焊"],
    ["现场无人监护", "无人监护"],
    ["有限空间作业未检测", "未检测"],
    ["通道未见堵塞，但二楼安全出口被锁", "锁"],
    ["一楼未见堵塞。二楼通道堆放纸箱", "堆放"],
    ["通道未见异常但是堆放了货物", "堆放"],
    ["安全出口、疏散通道堵塞", "堵"],
  ])("「%s」 mentions %s", (said, keyword) => {
    expect(mentions(said, keyword)).toBe(true);
  });

  it("finds a later mention when an earlier one is denied", () => {
    expect(mentions("楼梯间未堵，走廊堵了", "堵")).toBe(true);
    expect(mentions("", "堵")).toBe(false);
    expect(mentions("堵", "")).toBe(false);
  });
});
