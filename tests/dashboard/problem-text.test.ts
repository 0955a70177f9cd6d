import { describe, expect, it } from "vitest";
import { issueText } from "../../dashboard/model/issue-text";
import { problemText } from "../../dashboard/model/problem-text";
import { dashboardMessages } from "../../shared/i18n/dashboard";

/* Issue 10: Setup showed 'There is already an account "admin".' and a username's rule in English inside Italian screens. */
const it_ = dashboardMessages("it");
const en = dashboardMessages("en");

describe("Setup's messages about a refused request", () => {
  it("say a taken username in Italian, without the server's English sentence.", () => {
    const words = problemText(
      { code: "username_taken", detail: 'There is already an account "admin".' },
      it_,
      "it",
    );
    expect(words).toEqual({ message: "Questo nome utente è già in uso.", detail: null });
  });

  it("explain a refused username, password and name by their rule, in the reader's language.", () => {
    const outcome = {
      code: "invalid_request",
      detail: "username: 2–40 characters: lowercase letters …",
      issues: [
        { path: "username", code: "invalid_format" },
        { path: "password", code: "too_small", minimum: 12 },
        { path: "displayName", code: "too_big", maximum: 80 },
      ],
    };
    const words = problemText(outcome, it_, "it");
    expect(words.message).toBe("Controlla i campi segnati in rosso.");
    expect(words.detail).toContain("Nome utente: da 2 a 40 caratteri");
    expect(words.detail).toContain("La password deve avere almeno 12 caratteri.");
    expect(words.detail).toContain("Nome: da 1 a 80 caratteri.");
    expect(words.detail).not.toMatch(/characters|lowercase/);
    expect(problemText(outcome, en, "en").detail).toContain("at least 12 characters");
  });

  it("say which ticket blocks a configuration change, in Italian.", () => {
    const words = problemText(
      {
        code: "config_conflict",
        detail: 'Service "anagrafe" still has ticket A004; finish it first.',
      },
      it_,
      "it",
    );
    expect(words.detail).toBe(
      "Il servizio anagrafe ha ancora il biglietto A004: completalo prima.",
    );
  });

  it("fall back to our own sentence for a code they do not know, never the server's.", () => {
    const words = problemText({ code: "teapot", detail: "I'm a teapot" }, it_, "it");
    expect(words).toEqual({ message: "Non ha funzionato. Riprova.", detail: null });
  });
});

describe("A field's problem", () => {
  it("writes its limits as the reader writes numbers (al massimo 1,5).", () => {
    const issue = { path: "voice.rate", message: "Too big", code: "too_big", maximum: 1.5 };
    expect(issueText(issue, it_)).toBe("Inserisci al massimo 1,5.");
    expect(issueText(issue, en)).toBe("Enter at most 1.5.");
  });

  it("never shows the schema's English sentence to an Italian reader.", () => {
    const issue = { path: "services.0.names.it", message: "Invalid input", code: "custom" };
    expect(issueText(issue, it_)).toBe("Controlla i campi segnati in rosso.");
    expect(issueText(issue, en)).toBe("Invalid input");
  });
});
