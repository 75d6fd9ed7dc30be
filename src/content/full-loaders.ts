// The loaders of the content sections a report does not read (checklists, rules and the basis
// catalogue; campaign templates with the calendar; channel and web wording) and the whole-content
// check: `openApp` imports this module only for a command that may read them (see
// `content-on-demand.ts`), so `report` and `ledger` do not load them.
export { loadCampaignContent } from "./campaign-content.ts";
export { loadChannelTexts } from "./channel-texts.ts";
export { loadContent } from "./load-content.ts";
export { validateAllContent } from "./validate-all-content.ts";
export { loadWebTexts } from "./web-texts.ts";
