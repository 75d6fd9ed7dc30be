-- Which question a chat's buttons belong to: the prompt last shown in each chat and its choices.
-- CreateTable
CREATE TABLE "ChatPrompt" (
    "channel" TEXT NOT NULL,
    "chat" TEXT NOT NULL,
    "promptId" TEXT,
    "personId" TEXT,
    "choices" TEXT NOT NULL,
    "expects" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "chat")
);
