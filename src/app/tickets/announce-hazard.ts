import { AppError } from "../../domain/app-error.ts";
import type { Grade } from "../../domain/checklist/checklist.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import type { TicketSource } from "../../domain/ticket/ticket-status.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";

/** Hazard photos sent with an alert: the first rides on the notice, the others follow it. */
const MAX_PHOTOS = 3;

type NewTicket = { id: string; number: string; deadline: Date };
type Found = {
  enterpriseId: string;
  title: string;
  grade: Grade;
  basis: string;
  immediate?: boolean | undefined;
  source: TicketSource;
  description: string | null;
  location: string | null;
  foundById: string;
  photoIds: readonly string[];
};

/**
 * Tells the people who must know of a new hazard at once, whatever found it (self-check, grid
 * report, inspection): a major hazard goes to the enterprise's grid workers and the leaders of its
 * area and the areas above; an immediate one (立即整改) also to the enterprise's heads, with the
 * order to stop work and get people out. What was found, the photo and the deadline come with it.
 * The outbox sends it straight away: quiet hours hold only the periodic sweeps. The person who
 * found it is not told their own finding, except a head told to stop work.
 */
export async function announceHazard(
  s: Stores,
  deps: AppDeps,
  ticket: NewTicket,
  found: Found,
  now: Date,
): Promise<number> {
  const major = found.grade === "major";
  if (!major && !found.immediate) return 0;
  const enterprise = await s.enterprises.byId(found.enterpriseId);
  if (!enterprise) throw new AppError("not_found", `enterprise ${found.enterpriseId} of a hazard is gone`);
  const supervisors = major
    ? [
        ...(await s.people.responsibleFor(enterprise, "grid_worker")),
        ...(await s.people.responsibleFor(enterprise, "leader")),
      ]
    : await s.people.responsibleFor(enterprise, "grid_worker");
  const heads = found.immediate ? await s.people.responsibleFor(enterprise, "enterprise_head") : [];
  const recipients = [...new Set([...supervisors.filter((id) => id !== found.foundById), ...heads])];
  if (recipients.length === 0) return 0;

  const { texts } = deps.content;
  const finder = (await s.people.byId(found.foundById))?.name ?? "";
  const photos = found.photoIds.slice(0, MAX_PHOTOS);
  const foundLine = texts.t("notify.found", {
    source: texts.t(`notify.source.${found.source}`),
    finder,
    description: found.description
      ? texts.t("notify.found_description", { description: found.description })
      : "",
    location: found.location ? texts.t("notify.found_location", { location: found.location }) : "",
    photos: found.photoIds.length ? texts.t("notify.found_photos", { count: found.photoIds.length }) : "",
  });
  const notice: OutboundMessage = {
    text: texts.t(major ? "notify.major_hazard" : "notify.immediate_hazard", {
      enterprise: enterprise.name,
      title: found.title,
      number: ticket.number,
      immediate: found.immediate ? texts.t("notify.immediate_action") : "",
      found: foundLine,
      basis: found.basis || "—",
      deadline: formatDeadline(ticket.deadline),
    }),
    expects: "none",
    ...(photos[0] ? { image: photos[0] } : {}),
  };
  const key = `hazard-alert:${ticket.id}`;
  const told = await notifyPeople(s, recipients, key, notice, now);
  for (const [i, photo] of photos.entries()) {
    if (i === 0) continue;
    const caption = texts.t("notify.hazard_photo", {
      number: ticket.number,
      index: i + 1,
      count: photos.length,
    });
    await notifyPeople(
      s,
      recipients,
      `${key}:photo:${i + 1}`,
      { text: caption, image: photo, expects: "none" },
      now,
    );
  }
  return told;
}
