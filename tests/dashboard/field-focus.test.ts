import { describe, expect, it } from "vitest";
import { keyed } from "../../dashboard/model/config-form";
import { errorId, invalidProps, scrollToReveal } from "../../dashboard/model/field-focus";

/* Issue 10, point 16: after a failed save the focused field sat under the sticky save bar. */
describe("Revealing the first invalid field above the save bar", () => {
  const viewport = 900;
  const barTop = 820; // the sticky bar covers the last 80 px

  it("scrolls a field hidden under the bar up until it sits above it, with a margin.", () => {
    expect(scrollToReveal({ top: 800, bottom: 860 }, viewport, barTop)).toBe(860 - (820 - 24));
  });

  it("scrolls a field below the window up above the bar too.", () => {
    expect(scrollToReveal({ top: 1500, bottom: 1560 }, viewport, barTop)).toBe(1560 - 796);
  });

  it("scrolls down to a field above the window, leaving the margin above it.", () => {
    expect(scrollToReveal({ top: -300, bottom: -240 }, viewport, barTop)).toBe(-324);
  });

  it("leaves a field already in view where it is.", () => {
    expect(scrollToReveal({ top: 300, bottom: 360 }, viewport, barTop)).toBe(0);
  });

  it("shows the top of a field taller than the room left.", () => {
    expect(scrollToReveal({ top: 600, bottom: 1600 }, viewport, barTop)).toBe(600 - 24);
  });

  it("works without a bar (the window's bottom edge).", () => {
    expect(scrollToReveal({ top: 880, bottom: 940 }, viewport, null)).toBe(940 - 876);
  });
});

describe("An opening-hours interval's order error", () => {
  const path = "openingHours.mon.0";
  const issues = keyed([{ path, message: "open must be before close" }]);

  it("marks both of its inputs invalid and points both at the error line.", () => {
    for (const edge of ["open", "close"]) {
      expect(invalidProps(issues, `${path}.${edge}`, [path])).toEqual({
        "aria-invalid": true,
        "aria-describedby": errorId(path),
      });
    }
  });

  it("points an input at its own error line and the interval's when both have one.", () => {
    const both = keyed([
      { path, message: "open must be before close" },
      { path: `${path}.open`, message: "use HH:MM (24-hour)" },
    ]);
    expect(invalidProps(both, `${path}.open`, [path])["aria-describedby"]).toBe(
      `${errorId(`${path}.open`)} ${errorId(path)}`,
    );
  });

  it("leaves the inputs of a valid interval alone.", () => {
    expect(invalidProps(keyed([]), `${path}.open`, [path])).toEqual({
      "aria-invalid": false,
      "aria-describedby": undefined,
    });
  });
});
