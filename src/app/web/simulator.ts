import { AppError } from "../../domain/app-error.ts";
import type { Enterprise } from "../../domain/enterprise.ts";
import type { Person } from "../../domain/people/person.ts";
import type { AppDeps } from "../app-deps.ts";

/** The simulator's channel id (the web channel's). */
const SIMULATOR_CHANNEL = "web";
/** Accounts that are not a chat platform: the terminal and the simulator itself. */
const NOT_A_PLATFORM = new Set(["console", SIMULATOR_CHANNEL]);

export type SimulatedPerson = Person & { enterprise: Enterprise | null };

/** The active people of the park, for choosing whom to be in the simulator, by role then phone. */
export async function simulatorPeople(deps: AppDeps): Promise<SimulatedPerson[]> {
  const people = await deps.uow.read((s) => s.people.all());
  return people.filter((p) => p.active);
}

/**
 * Opens the simulator as a person: binds their simulator account (`web:<phone>`) if it is not yet,
 * audited. A person who also uses a real chat app keeps receiving there: the simulator account is
 * then bound as the oldest of theirs, since messages go to a person's most recently bound account.
 */
export async function enterSimulator(deps: AppDeps, phone: string): Promise<SimulatedPerson> {
  return deps.uow.run(async (s) => {
    const person = await s.people.byPhone(phone);
    if (!person?.active) throw new AppError("not_found", deps.content.web.errors.not_found);
    const withEnterprise = await s.people.withEnterprise(person.id);
    const bound = await s.identities.find(SIMULATOR_CHANNEL, phone);
    if (bound?.personId === person.id) return withEnterprise ?? { ...person, enterprise: null };
    const now = deps.clock.now();
    const [current] = await s.people.recipientsOf([person.id]);
    const onPlatform = current !== undefined && !NOT_A_PLATFORM.has(current.channel);
    await s.identities.bind(
      { channel: SIMULATOR_CHANNEL, externalId: phone, displayName: person.name },
      person.id,
      onPlatform ? new Date(0) : now,
    );
    await s.audit.record({
      at: now,
      actorId: person.id,
      action: "simulator.bound",
      subjectType: "person",
      subjectId: person.id,
      detail: { account: `${SIMULATOR_CHANNEL}:${phone}`, keepsPlatform: onPlatform },
    });
    return withEnterprise ?? { ...person, enterprise: null };
  });
}

/** A stored image the simulator may show (the channel has checked it was sent to that chat). */
export async function simulatorImage(
  deps: AppDeps,
  attachmentId: string,
): Promise<{ bytes: Buffer; mime: string } | null> {
  const file = await deps.uow.read((s) => s.attachments.withOwner(attachmentId));
  return file ? { bytes: await deps.files.get(file.sha256), mime: file.mime } : null;
}
