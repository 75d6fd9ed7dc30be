-- The office console's sign-in: single-use links, sessions, and link attempts for throttling.
-- CreateTable
CREATE TABLE "WebLoginLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "origin" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "WebSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WebLoginAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "client" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "WebLoginLink_personId_idx" ON "WebLoginLink"("personId");

-- CreateIndex
CREATE INDEX "WebSession_personId_idx" ON "WebSession"("personId");

-- CreateIndex
CREATE INDEX "WebLoginAttempt_client_at_idx" ON "WebLoginAttempt"("client", "at");

-- CreateIndex
CREATE INDEX "WebLoginAttempt_at_idx" ON "WebLoginAttempt"("at");

