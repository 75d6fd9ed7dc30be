import { fill } from "../../content/report-texts.ts";
import { onCommand } from "../inbound/chat-handler.ts";
import { consoleBaseUrl, issueLoginLink, LOGIN_LINK_MINUTES } from "./login-links.ts";

/**
 * 登录: a single-use link to the office console, valid for ten minutes, for the person who asks.
 * It does not touch the conversation: a self-check in progress stays where it was.
 */
export const loginLinkHandler = onCommand("login-link", ["login"], async (t) => {
  const link = await issueLoginLink(t.s, t.deps, t.actor.person, `chat:${t.actor.channel}`);
  const url = `${consoleBaseUrl(t.deps.config)}${link.path}`;
  return {
    replies: [
      {
        text: fill(t.deps.content.web.chat.login_link, { minutes: LOGIN_LINK_MINUTES, url }),
        expects: "none",
      },
    ],
  };
});
