/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { SimulatedPerson } from "../../app/web/simulator.ts";
import type { SimulatorEntry } from "../../channels/web/web-channel.ts";
import { fill } from "../../content/report-texts.ts";
import type { Choice, OutboundMessage } from "../../domain/messages.ts";
import { Roles } from "../../domain/people/role.ts";
import { CsrfField, Layout, type PageContext } from "../layout.tsx";

/** 聊天模拟器: whom to be, grouped by role. */
export function SimulatorPeoplePage(props: { p: PageContext; people: SimulatedPerson[] }) {
  const { p } = props;
  const t = p.t.simulator;
  return (
    <Layout p={p} title={t.title} active="simulator">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="notice warn">{t.warning}</p>
      {Roles.map((role) => {
        const people = props.people.filter((person) => person.role === role);
        if (people.length === 0) return null;
        return (
          <div class="card">
            <h2>{p.labels.label("role", role)}</h2>
            <div class="people">
              {people.map((person) => (
                <a href={`/simulator/${person.phone}`} data-phone={person.phone}>
                  {person.name}　<span class="muted">{person.enterprise?.name ?? person.phone}</span>
                </a>
              ))}
            </div>
          </div>
        );
      })}
    </Layout>
  );
}

function ChoiceButtons(props: {
  p: PageContext;
  phone: string;
  message: OutboundMessage;
  choices: Choice[];
}) {
  return (
    <div class="choices">
      {props.choices.map((choice) => (
        <form method="post" action={`/simulator/${props.phone}`}>
          <CsrfField p={props.p} />
          <input type="hidden" name="choice" value={choice.id} />
          {props.message.promptId ? (
            <input type="hidden" name="prompt" value={props.message.promptId} />
          ) : null}
          <button type="submit" class="secondary" data-choice={choice.id}>
            {choice.label}
          </button>
        </form>
      ))}
    </div>
  );
}

/** The chat lines: the person's messages on the right, the bot's with its buttons, cards and images. */
export function ChatLog(props: { p: PageContext; phone: string; entries: SimulatorEntry[] }) {
  const { p, phone } = props;
  const t = p.t.simulator;
  if (props.entries.length === 0) return <p class="muted">{t.no_messages}</p>;
  return (
    <>
      {props.entries.map((e) => {
        if (e.from === "me")
          return (
            <div class="bubble me" data-seq={e.seq}>
              {e.text}
              {e.photos > 0 ? `〔${t.photo} ×${e.photos}〕` : ""}
            </div>
          );
        const m = e.message;
        return (
          <div class="bubble bot" data-seq={e.seq}>
            {m.card ? (
              <>
                <div class="card-title">{m.card.title}</div>
                {m.card.lines.map((l) => (
                  <div>
                    {l.label}：{l.value}
                  </div>
                ))}
                {m.text && m.text !== m.card.title ? <div class="muted">{m.text}</div> : null}
                <ChoiceButtons p={p} phone={phone} message={m} choices={m.card.choices} />
              </>
            ) : (
              <>
                {m.text}
                {m.choices?.length ? (
                  <ChoiceButtons p={p} phone={phone} message={m} choices={m.choices} />
                ) : null}
              </>
            )}
            {m.image ? <img src={`/simulator/${phone}/files/${m.image}`} alt={t.image_alt} /> : null}
          </div>
        );
      })}
    </>
  );
}

/** Chatting as one person: the log (reloaded every two seconds for pushed messages), text, photos. */
export function SimulatorChatPage(props: {
  p: PageContext;
  person: SimulatedPerson;
  entries: SimulatorEntry[];
}) {
  const { p, person } = props;
  const t = p.t.simulator;
  const enterprise = person.enterprise ? `，${person.enterprise.name}` : "";
  return (
    <Layout p={p} title={t.title} active="simulator" htmx>
      <div class="chat">
        <div class="actions">
          <h1 style="margin:0;flex:1">
            {fill(t.chat_as, { name: person.name, role: p.labels.label("role", person.role), enterprise })}
          </h1>
          <a href="/simulator">{t.switch}</a>
        </div>
        <div
          class="chat-log"
          hx-get={`/simulator/${person.phone}/log`}
          hx-trigger="every 2s"
          hx-swap="innerHTML"
        >
          <ChatLog p={p} phone={person.phone} entries={props.entries} />
        </div>
        <form class="chat-input" method="post" action={`/simulator/${person.phone}`}>
          <CsrfField p={p} />
          <input type="text" name="text" placeholder={t.placeholder} autofocus autocomplete="off" />
          <button type="submit" id="send">
            {t.send}
          </button>
        </form>
        <form
          class="chat-input"
          method="post"
          action={`/simulator/${person.phone}`}
          enctype="multipart/form-data"
        >
          <CsrfField p={p} />
          <input type="file" name="photo" accept="image/*" multiple />
          <button type="submit" class="secondary" id="send-photo">
            {t.photo}
          </button>
        </form>
      </div>
    </Layout>
  );
}
