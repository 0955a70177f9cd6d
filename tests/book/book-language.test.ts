import { describe, expect, it } from "vitest";
import { bookLanguage, offeredLanguages } from "../../book/model/book-language";
import { BOOKING_REFUSALS, CHECK_IN_REFUSALS } from "../../book/model/refusals";
import { BASES } from "../../shared/i18n";
import { BOOK_LOCALES, bookMessages } from "../../shared/i18n/book";
import { FakeAppointmentsServer, MONDAY_8, SERVICE } from "./fake-appointments-server";
import { openBookingPage } from "./helpers";

const MONDAY_9 = MONDAY_8 + 60 * 60_000;

describe("The booking page's language", () => {
  it("opens in the office's first language, whatever the phone's, until the person chooses another.", () => {
    expect(bookLanguage(["it", "en"], null)).toBe("it");
    expect(bookLanguage(["en", "it"], null)).toBe("en");
    expect(bookLanguage(["it", "en"], "en")).toBe("en");
    // A choice the office does not offer is not taken.
    expect(bookLanguage(["it"], "en")).toBe("it");
    expect(offeredLanguages(["de", "it"])).toEqual(["it"]);
  });

  it("has every language Turno speaks, each with its own words.", () => {
    expect(Object.keys(BOOK_LOCALES).sort()).toEqual(Object.keys(BASES).sort());
    expect(bookMessages("it").book.details.book).toBe("Prenota");
    expect(bookMessages("en").book.details.book).toBe("Book");
  });

  it("says every refusal in Italian and English, never with the server's English detail.", () => {
    const it = bookMessages("it").book;
    const en = bookMessages("en").book;
    for (const code of BOOKING_REFUSALS) {
      expect(it.refusals[code], code).not.toBe(en.refusals[code]);
      expect(it.refusals[code]).not.toContain("server's English");
    }
    for (const code of CHECK_IN_REFUSALS) {
      expect(it.manage.checkInRefusals[code], code).not.toBe(en.manage.checkInRefusals[code]);
    }
  });

  it("switches the whole page, and books in the language chosen (the calendar file's words follow it).", async () => {
    const server = new FakeAppointmentsServer();
    const page = await openBookingPage(server);
    expect(page.language.value).toBe("it");
    expect(page.languages.value).toEqual(["it", "en"]);
    expect(page.messages.value.book.service.title).toBe("Scegli un servizio");
    page.chooseLanguage("en");
    expect(page.messages.value.book.service.title).toBe("Choose a service");

    await page.chooseService(SERVICE);
    page.chooseDay("2026-12-07");
    page.chooseSlot(MONDAY_9);
    page.editDetails({ name: "Ann White", contact: "ann@example.org" });
    expect(await page.submit()).toBe(true);
    const sent = server.requests.find((r) => r.method === "POST");
    expect(sent?.body).toMatchObject({ lang: "en" });
  });
});
