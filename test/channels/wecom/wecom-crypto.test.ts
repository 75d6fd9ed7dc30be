import { describe, expect, it } from "vitest";
import { openEnvelope, sealEnvelope, signatureMatches } from "../../../src/channels/wecom/wecom-crypto.ts";
import { CallbackSchema, parseXml } from "../../../src/channels/wecom/wecom-inbound.ts";

/** WeCom's published test vector (加解密方案说明 and the official WXBizMsgCrypt samples). */
const OFFICIAL = {
  token: "QDG6eK",
  aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C",
  corpId: "wx5823bf96d3bd56c7",
};
const VERIFY_URL = {
  signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
  timestamp: "1409659589",
  nonce: "263014780",
  echostr: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
};
const MESSAGE = {
  signature: "477715d11cdb4164915debcba66cb864d751f3e6",
  timestamp: "1409659813",
  nonce: "1372623149",
  encrypt:
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==",
};

describe("WeCom callback crypto", () => {
  it("verifies and decrypts the official URL-verification vector", () => {
    expect(signatureMatches(OFFICIAL, VERIFY_URL, VERIFY_URL.echostr)).toBe(true);
    expect(openEnvelope(OFFICIAL, VERIFY_URL, VERIFY_URL.echostr)).toEqual({
      ok: true,
      message: "1616140317555161061",
    });
  });

  it("verifies and decrypts the official message vector, keeping every value a string", () => {
    const opened = openEnvelope(OFFICIAL, MESSAGE, MESSAGE.encrypt);
    if (!opened.ok) throw new Error(opened.problem);
    const callback = CallbackSchema.parse(parseXml(opened.message));
    expect(callback).toMatchObject({
      ToUserName: "wx5823bf96d3bd56c7",
      FromUserName: "mycreate",
      CreateTime: "1409659813",
      MsgType: "text",
      Content: "hello",
      MsgId: "4561255354251345929",
      AgentID: "218",
    });
  });

  it("refuses a wrong signature, a wrong key and another company's payload", () => {
    expect(openEnvelope(OFFICIAL, { ...MESSAGE, signature: "0".repeat(40) }, MESSAGE.encrypt)).toEqual({
      ok: false,
      problem: "signature",
    });
    expect(openEnvelope(OFFICIAL, { ...MESSAGE, signature: "short" }, MESSAGE.encrypt)).toEqual({
      ok: false,
      problem: "signature",
    });
    const wrongKey = { ...OFFICIAL, aesKey: "A".repeat(43) };
    expect(openEnvelope(wrongKey, MESSAGE, MESSAGE.encrypt).ok).toBe(false);
    expect(openEnvelope({ ...OFFICIAL, corpId: "ww0000000000000000" }, MESSAGE, MESSAGE.encrypt)).toEqual({
      ok: false,
      problem: "receiver",
    });
  });

  it("seals what it opens", () => {
    const { encrypted, query } = sealEnvelope(OFFICIAL, "<xml><Content><![CDATA[你好]]></Content></xml>");
    expect(openEnvelope(OFFICIAL, { ...query, signature: query.msg_signature }, encrypted)).toEqual({
      ok: true,
      message: "<xml><Content><![CDATA[你好]]></Content></xml>",
    });
  });
});
