import { describe, expect, it } from "vitest";
import { type TransitionInput, transition } from "../../../src/domain/ticket/ticket-lifecycle.ts";

const submittedMajor: TransitionInput = {
  status: "submitted",
  grade: "major",
  actorRole: "leader",
  inScope: true,
  submittedBy: "head-1",
  actorId: "leader-1",
  hasTreatmentPlan: true,
  evidencePhotos: 2,
  minPhotos: 2,
  note: null,
};

describe("signing off (销号) a major hazard", () => {
  it("is a leader's or an admin's of the area", () => {
    expect(transition("pass", submittedMajor)).toEqual({ ok: true, to: "closed" });
    expect(transition("pass", { ...submittedMajor, actorRole: "admin" })).toEqual({ ok: true, to: "closed" });
  });

  it("is refused to a grid worker alone, with its own reason; a grid worker may still return it", () => {
    const worker = { ...submittedMajor, actorRole: "grid_worker" as const, actorId: "worker-1" };
    expect(transition("pass", worker)).toEqual({ ok: false, reason: "major_needs_leader" });
    expect(transition("return", { ...worker, note: "仍有露天堆放" })).toEqual({ ok: true, to: "returned" });
  });

  it("keeps the other gates: scope, status, and never one's own work", () => {
    expect(transition("pass", { ...submittedMajor, inScope: false })).toEqual({
      ok: false,
      reason: "out_of_scope",
    });
    expect(transition("pass", { ...submittedMajor, status: "rectifying" })).toEqual({
      ok: false,
      reason: "wrong_status",
    });
    expect(transition("pass", { ...submittedMajor, actorRole: "admin", actorId: "head-1" })).toEqual({
      ok: false,
      reason: "own_work",
    });
    expect(transition("pass", { ...submittedMajor, actorRole: "enterprise_head" })).toEqual({
      ok: false,
      reason: "wrong_role",
    });
  });

  it("leaves a general hazard to grid workers and admins, not leaders", () => {
    const general = { ...submittedMajor, grade: "general" as const };
    expect(transition("pass", general)).toEqual({ ok: false, reason: "wrong_role" });
    expect(transition("pass", { ...general, actorRole: "grid_worker" })).toEqual({ ok: true, to: "closed" });
  });
});
