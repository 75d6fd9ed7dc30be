import { describe, expect, it } from "vitest";
import { type TransitionInput, transition } from "../../src/domain/ticket/ticket-lifecycle.ts";

const base: TransitionInput = {
  status: "submitted",
  grade: "general",
  actorRole: "grid_worker",
  inScope: true,
  submittedBy: "head-1",
  actorId: "worker-1",
  hasTreatmentPlan: false,
  evidencePhotos: 1,
  minPhotos: 1,
  note: null,
};

describe("the ticket state machine", () => {
  it("lets a reviewer other than the submitter close or return a submitted ticket", () => {
    expect(transition("pass", base)).toEqual({ ok: true, to: "closed" });
    expect(transition("return", { ...base, note: "不合格" })).toEqual({ ok: true, to: "returned" });
  });

  it("never lets the person who submitted review their own work", () => {
    expect(transition("pass", { ...base, actorRole: "admin", actorId: "head-1" })).toEqual({
      ok: false,
      reason: "own_work",
    });
  });

  it("gates a submission on photos, and a major hazard on its plan", () => {
    const head = {
      ...base,
      status: "rectifying" as const,
      actorRole: "enterprise_head" as const,
      actorId: "head-1",
    };
    expect(transition("submit", { ...head, evidencePhotos: 0 })).toEqual({
      ok: false,
      reason: "photos_missing",
    });
    expect(transition("submit", { ...head, grade: "major" })).toEqual({ ok: false, reason: "plan_missing" });
    expect(transition("submit", { ...head, grade: "major", hasTreatmentPlan: true })).toEqual({
      ok: true,
      to: "submitted",
    });
  });

  it("refuses what the status does not allow, and checks role before scope before status", () => {
    expect(transition("reopen", { ...base, note: "x" })).toEqual({ ok: false, reason: "wrong_status" });
    expect(transition("reopen", { ...base, status: "closed", actorRole: "leader", note: "x" })).toEqual({
      ok: true,
      to: "reopened",
    });
    expect(transition("pass", { ...base, actorRole: "leader", inScope: false })).toEqual({
      ok: false,
      reason: "wrong_role",
    });
    expect(transition("pass", { ...base, inScope: false, status: "open" })).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
  });
});
