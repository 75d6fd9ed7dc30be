import type { AnswerValue } from "../domain/checklist/answer.ts";
import { isRunStatus, type RunStatus } from "../domain/self-check/run-status.ts";
import type { Client } from "./client.ts";
import { parseClosed } from "./rows.ts";

/** A self-check run as use cases need it. */
export type SelfCheckRun = {
  id: string;
  enterpriseId: string;
  personId: string;
  campaignId: string | null;
  checklistId: string;
  status: RunStatus;
};

/** Self-check runs and their answers. */
export class SelfCheckStore {
  constructor(private readonly db: Client) {}

  async byId(id: string): Promise<SelfCheckRun | null> {
    const row = await this.db.selfCheckRun.findUnique({
      where: { id },
      select: {
        id: true,
        enterpriseId: true,
        personId: true,
        campaignId: true,
        checklistId: true,
        status: true,
      },
    });
    return row ? { ...row, status: parseClosed("self-check run status", row.status, isRunStatus) } : null;
  }

  async start(run: {
    enterpriseId: string;
    personId: string;
    campaignId: string | null;
    checklistId: string;
    checklistVersion: number;
    startedAt: Date;
  }): Promise<string> {
    return (await this.db.selfCheckRun.create({ data: run, select: { id: true } })).id;
  }

  async setStatus(id: string, status: "in_progress" | "paused"): Promise<void> {
    await this.db.selfCheckRun.update({ where: { id }, data: { status } });
  }

  /** Runs of this person and enterprise still open (in progress or paused) become abandoned. */
  async abandonOpen(personId: string, enterpriseId: string): Promise<void> {
    await this.db.selfCheckRun.updateMany({
      where: { personId, enterpriseId, status: { in: ["in_progress", "paused"] } },
      data: { status: "abandoned" },
    });
  }

  /** Stores the run's answers (replacing any) and marks it submitted. */
  async submit(id: string, answers: readonly [questionId: string, AnswerValue][], at: Date): Promise<void> {
    await this.db.selfCheckAnswer.deleteMany({ where: { runId: id } });
    await this.db.selfCheckAnswer.createMany({
      data: answers.map(([questionId, a]) => ({
        runId: id,
        questionId,
        value: JSON.stringify(a),
        answeredAt: at,
      })),
    });
    await this.db.selfCheckRun.update({ where: { id }, data: { status: "submitted", submittedAt: at } });
  }
}
