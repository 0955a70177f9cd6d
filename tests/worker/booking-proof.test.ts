import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { createChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/web/sha";
import { describe, expect, it } from "vitest";
import { solveBookingChallenge } from "../../book/model/proof-of-work";
import { BookingChallenge, type BookingProof } from "../../shared/protocol/booking-proof";
import { WORKER_TEST_PROOF_KEY } from "../support/setup-token";
import {
  appointmentOfficeConfig,
  book,
  officeDays,
  setOfficeClock,
  slotsOf,
  solvedProof,
} from "./appointment-helpers";
import { api, createOffice, expectError, officeStub, pairedDevice, signedIn } from "./helpers";

/**
 * The public's invisible proof of work (issue 12, point 8): a booking from
 * the public carries a solved ALTCHA challenge of this office, used once;
 * staff booking on someone's behalf and the office's kiosks carry none.
 */

const MINUTE = 60 * 1000;

async function bookingOffice() {
  const config = appointmentOfficeConfig();
  const officeId = await createOffice(config);
  const days = officeDays(config.timeZone);
  const slots = await slotsOf(officeId, "permits", { from: days.after(2), to: days.after(2) });
  return { officeId, slots, timeZone: config.timeZone };
}

const bookingsIn = (officeId: string) =>
  runInDurableObject(
    officeStub(officeId),
    (_office, state) =>
      state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM appointments`).one().n,
  );

const usedProofsIn = (officeId: string) =>
  runInDurableObject(
    officeStub(officeId),
    (_office, state) =>
      state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM used_booking_proofs`).one()
        .n,
  );

/** A challenge signed with the office's key but made here, to control what is in it. */
async function madeChallenge(options: { office: string; expiresAt: Date }) {
  const challenge = await createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: 7,
    deriveKey,
    data: { office: options.office },
    expiresAt: options.expiresAt,
    hmacSignatureSecret: WORKER_TEST_PROOF_KEY,
    hmacKeySignatureSecret: `${WORKER_TEST_PROOF_KEY}:derived-key`,
  });
  const parsed = BookingChallenge.parse(challenge);
  const solution = await solveBookingChallenge(parsed);
  return { challenge: parsed, solution: solution! } satisfies BookingProof;
}

describe("The proof of work of a public booking", () => {
  it("GET …/appointments/challenge gives anyone a signed challenge for this office, valid 20 minutes, never cached.", async () => {
    const { officeId } = await bookingOffice();
    const answer = await api("GET", `/offices/${officeId}/appointments/challenge`, {
      as: "anonymous",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    const challenge = BookingChallenge.parse(answer.body);
    expect(challenge.parameters.data.office).toBe(officeId);
    const lifetime = challenge.parameters.expiresAt * 1000 - Date.now();
    expect(lifetime).toBeGreaterThan(19 * MINUTE);
    expect(lifetime).toBeLessThanOrEqual(20 * MINUTE);
    // Deterministic ALTCHA: the office keeps the HMAC of the key, not a counter anyone could read.
    expect(challenge.parameters.keySignature).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(answer.body)).not.toMatch(/"counter"/);
    const other = await api("GET", `/offices/${officeId}/appointments/challenge`, {
      as: "anonymous",
    });
    expect(BookingChallenge.parse(other.body).parameters.nonce).not.toBe(
      challenge.parameters.nonce,
    );
  });

  it("A public booking without a proof is 400 proof_required, and nothing is booked.", async () => {
    const { officeId, slots } = await bookingOffice();
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start: slots[0]!.start },
        { as: "anonymous", proof: false },
      ),
      400,
      "proof_required",
    );
    expect(await bookingsIn(officeId)).toBe(0);
  });

  it("A wrong key, a changed challenge or a forged signature is 400 proof_invalid.", async () => {
    const { officeId, slots } = await bookingOffice();
    const proof = await solvedProof(officeId);
    // The key found is what is checked (against the HMAC the challenge carries), not the counter.
    const tries: BookingProof[] = [
      { ...proof, solution: { ...proof.solution, derivedKey: "00".repeat(32) } },
      { ...proof, solution: { ...proof.solution, derivedKey: proof.solution.derivedKey.slice(2) } },
      {
        ...proof,
        challenge: {
          ...proof.challenge,
          parameters: { ...proof.challenge.parameters, expiresAt: 4_000_000_000 },
        },
      },
      { ...proof, challenge: { ...proof.challenge, signature: "ab".repeat(32) } },
    ];
    for (const wrong of tries) {
      expectError(
        await book(
          officeId,
          { serviceId: "permits", start: slots[0]!.start, proof: wrong },
          { as: "anonymous" },
        ),
        400,
        "proof_invalid",
      );
    }
    expect(await bookingsIn(officeId)).toBe(0);
    // None of them used the proof up: it still books.
    expect(
      (
        await book(
          officeId,
          { serviceId: "permits", start: slots[0]!.start, proof },
          { as: "anonymous" },
        )
      ).status,
    ).toBe(201);
  });

  it("A proof solved for another office, or expired, is 400 proof_invalid.", async () => {
    const { officeId, slots } = await bookingOffice();
    const elsewhere = await bookingOffice();
    const start = slots[0]!.start;
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start, proof: await solvedProof(elsewhere.officeId) },
        { as: "anonymous" },
      ),
      400,
      "proof_invalid",
    );
    const expired = await madeChallenge({
      office: officeId,
      expiresAt: new Date(Date.now() - MINUTE),
    });
    expectError(
      await book(officeId, { serviceId: "permits", start, proof: expired }, { as: "anonymous" }),
      400,
      "proof_invalid",
    );
    // The same kind of challenge, not expired, is accepted: the expiry was the reason.
    const fresh = await madeChallenge({
      office: officeId,
      expiresAt: new Date(Date.now() + 10 * MINUTE),
    });
    expect(
      (await book(officeId, { serviceId: "permits", start, proof: fresh }, { as: "anonymous" }))
        .status,
    ).toBe(201);
  });

  it("A proof books once: sent again with another booking it is 400 proof_invalid, even after the office restarts.", async () => {
    const { officeId, slots } = await bookingOffice();
    const proof = await solvedProof(officeId);
    const first = await book(
      officeId,
      { serviceId: "permits", start: slots[0]!.start, proof },
      { as: "anonymous" },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start: slots[1]!.start, proof },
        { as: "anonymous" },
      ),
      400,
      "proof_invalid",
    );
    // In storage, not in memory: a fresh instance of the office refuses it too.
    await evictDurableObject(officeStub(officeId));
    expectError(
      await book(
        officeId,
        { serviceId: "permits", start: slots[2]!.start, proof },
        { as: "anonymous" },
      ),
      400,
      "proof_invalid",
    );
    expect(await bookingsIn(officeId)).toBe(1);
  });

  it("A retry with the same Idempotency-Key and the same proof gets the same booking, not a refusal.", async () => {
    const { officeId, slots } = await bookingOffice();
    const proof = await solvedProof(officeId);
    const send = () =>
      book(
        officeId,
        { serviceId: "permits", start: slots[3]!.start, email: "same@example.org", proof },
        { as: "anonymous", headers: { "idempotency-key": "book-retry-1" } },
      );
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.appointment.id).toBe(first.body.appointment.id);
    expect(await bookingsIn(officeId)).toBe(1);
  });

  it("A refused booking uses its proof up too: one proof, one try.", async () => {
    const { officeId } = await bookingOffice();
    const proof = await solvedProof(officeId);
    expectError(
      await book(officeId, { serviceId: "permits", start: 1000, proof }, { as: "anonymous" }),
      409,
      "slot_unavailable",
    );
    expect(await usedProofsIn(officeId)).toBe(1);
  });

  it("Used proofs are forgotten once expired: the office keeps only the last 20 minutes' worth.", async () => {
    const { officeId, slots } = await bookingOffice();
    for (const slot of slots.slice(0, 2))
      expect(
        (await book(officeId, { serviceId: "permits", start: slot.start }, { as: "anonymous" }))
          .status,
      ).toBe(201);
    expect(await usedProofsIn(officeId)).toBe(2);
    // Half an hour on, the next booking's check drops the two expired ones.
    await setOfficeClock(officeId, Date.now() + 30 * MINUTE);
    await book(officeId, { serviceId: "permits", start: slots[2]!.start }, { as: "anonymous" });
    expect(await usedProofsIn(officeId)).toBe(1);
  });

  it("Staff of the office and its kiosks book without a proof; a display or another office's clerk may not.", async () => {
    const { officeId, slots } = await bookingOffice();
    const clerk = await signedIn([{ office: officeId, role: "clerk" }]);
    const kiosk = await pairedDevice(officeId, "kiosk");
    const display = await pairedDevice(officeId, "display");
    const stranger = await signedIn([{ office: "elsewhere", role: "admin" }]);
    let index = 0;
    const bookAs = (as: (typeof clerk)["as"]) =>
      book(officeId, { serviceId: "permits", start: slots[index++]!.start }, { as, proof: false });
    expect((await bookAs("operator")).status).toBe(201);
    expect((await bookAs(clerk.as)).status).toBe(201);
    expect((await bookAs(kiosk.as)).status).toBe(201);
    expectError(await bookAs(display.as), 400, "proof_required");
    expectError(await bookAs(stranger.as), 400, "proof_required");
  });
});
