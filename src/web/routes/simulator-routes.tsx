/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { enterSimulator, simulatorImage, simulatorPeople } from "../../app/web/simulator.ts";
import { storedSimulatorLog } from "../../app/web/simulator-log.ts";
import type { WebChannel } from "../../channels/web/web-channel.ts";
import type { InboundAttachment } from "../../domain/messages.ts";
import { MessagePage, pageContext } from "../layout.tsx";
import { ChatLog, SimulatorChatPage, SimulatorPeoplePage } from "../pages/simulator-page.tsx";
import type { WebContext, WebEnv } from "../web-env.ts";

/** The simulator's channel when it is on, keeping its chat lines in the database. */
async function channelOf(c: WebContext): Promise<WebChannel | undefined> {
  const deps = c.get("deps");
  const channel = deps.config.web.simulator ? c.get("options").simulator?.() : undefined;
  await channel?.keepLogIn(storedSimulatorLog(deps));
  return channel;
}

function disabled(c: WebContext) {
  const p = pageContext(c);
  return c.html(
    <MessagePage p={p} title={p.t.simulator.title} message={p.t.simulator.disabled} kind="warn" />,
    404,
  );
}

/**
 * 聊天模拟器 (`/simulator`): pick a person and chat as them through the `web` channel, the same inbox
 * and outbox as every chat app. Open without signing in, so it exists only when it is on (a
 * loopback listen address, or SIMULATOR_ENABLED=true).
 */
export function simulatorRoutes(app: Hono<WebEnv>): void {
  app.get("/simulator", async (c) => {
    if (!(await channelOf(c))) return disabled(c);
    return c.html(<SimulatorPeoplePage p={pageContext(c)} people={await simulatorPeople(c.get("deps"))} />);
  });

  app.get("/simulator/:phone", async (c) => {
    const channel = await channelOf(c);
    if (!channel) return disabled(c);
    const person = await enterSimulator(c.get("deps"), c.req.param("phone"));
    return c.html(
      <SimulatorChatPage p={pageContext(c)} person={person} entries={await channel.entries(person.phone)} />,
    );
  });

  app.get("/simulator/:phone/log", async (c) => {
    const channel = await channelOf(c);
    if (!channel) return disabled(c);
    const phone = c.req.param("phone");
    return c.html(<ChatLog p={pageContext(c)} phone={phone} entries={await channel.entries(phone)} />);
  });

  app.post("/simulator/:phone", async (c) => {
    const channel = await channelOf(c);
    if (!channel) return disabled(c);
    const deps = c.get("deps");
    const person = await enterSimulator(deps, c.req.param("phone"));
    const body = await c.req.parseBody({ all: true });
    const files = [body.photo].flat().filter((f): f is File => f instanceof File && f.size > 0);
    const photos: InboundAttachment[] = await Promise.all(
      files.map(async (f) => ({ name: f.name, mime: f.type, bytes: Buffer.from(await f.arrayBuffer()) })),
    );
    const text = typeof body.text === "string" ? body.text.trim() : "";
    const choice = typeof body.choice === "string" ? body.choice : undefined;
    const prompt = typeof body.prompt === "string" ? body.prompt : undefined;
    if (text || choice || photos.length > 0) {
      const outcome = await channel.receive(person.phone, {
        ...(text ? { text } : {}),
        ...(choice ? { choiceId: choice } : {}),
        ...(prompt ? { promptId: prompt } : {}),
        photos,
      });
      const { telegram } = deps.content.channels;
      if (outcome === "stale") await channel.note(person.phone, telegram.stale_button);
      if (outcome === "not_yours") await channel.note(person.phone, telegram.not_yours);
      await c.get("options").settled?.();
    }
    return c.redirect(`/simulator/${person.phone}`, 303);
  });

  app.get("/simulator/:phone/files/:id", async (c) => {
    const channel = await channelOf(c);
    if (!channel) return disabled(c);
    const id = c.req.param("id");
    if (!(await channel.showed(c.req.param("phone"), id))) return c.notFound();
    const file = await simulatorImage(c.get("deps"), id);
    if (!file) return c.notFound();
    return c.body(new Uint8Array(file.bytes), 200, {
      "Content-Type": file.mime,
      "Cache-Control": "private, max-age=3600",
    });
  });
}
