import { describe, expect, it } from "vitest";
import { addDays, businessDateOf, dayOfWeek, formatInZone, isValidDate, isValidTimeZone, offsetMinutesAt, zonedTimeToInstant } from "./timezone";

describe("timezone helpers", () => {
  it("dates an instant in the business's zone", () => {
    const lateEvening = new Date("2026-11-20T23:30:00-05:00"); // 04:30 UTC on the 21st
    expect(businessDateOf(lateEvening, "America/Toronto")).toBe("2026-11-20");
    expect(businessDateOf(lateEvening, "UTC")).toBe("2026-11-21");
    expect(businessDateOf(new Date("2026-11-21T07:30:00Z"), "America/Vancouver")).toBe("2026-11-20");
    expect(businessDateOf(new Date("2026-11-20T23:30:00-05:00"), "Europe/Paris")).toBe("2026-11-21");
  });

  it("knows daylight saving time", () => {
    expect(offsetMinutesAt(new Date("2026-07-01T12:00:00Z"), "America/Toronto")).toBe(-240);
    expect(offsetMinutesAt(new Date("2026-12-01T12:00:00Z"), "America/Toronto")).toBe(-300);
    expect(offsetMinutesAt(new Date("2026-12-01T12:00:00Z"), "America/St_Johns")).toBe(-210);
  });

  it("turns a local wall-clock time into an instant and back", () => {
    const instant = zonedTimeToInstant("2026-11-20", 15 * 3600 + 4 * 60 + 5, "America/Toronto");
    expect(instant.toISOString()).toBe("2026-11-20T20:04:05.000Z");
    expect(formatInZone(instant, "America/Toronto")).toBe("2026-11-20T15:04:05-05:00");
    expect(formatInZone(zonedTimeToInstant("2026-07-01", 12 * 3600, "America/Montreal"), "America/Montreal")).toBe("2026-07-01T12:00:00-04:00");
    expect(formatInZone(zonedTimeToInstant("2026-07-01", 12 * 3600, "America/St_Johns"), "America/St_Johns")).toBe("2026-07-01T12:00:00-02:30");
    // 02:30 on the spring-forward day does not exist: it lands an hour later.
    expect(formatInZone(zonedTimeToInstant("2026-03-08", 2.5 * 3600, "America/New_York"), "America/New_York")).toBe("2026-03-08T03:30:00-04:00");
  });

  it("validates zones and dates", () => {
    expect(isValidTimeZone("America/Toronto")).toBe(true);
    expect(isValidTimeZone("America/Montreal")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("America/Nowhere")).toBe(false);
    expect(isValidTimeZone("+05:00")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidDate("2026-02-28")).toBe(true);
    expect(isValidDate("2026-02-30")).toBe(false);
    expect(isValidDate("2026-2-3")).toBe(false);
  });

  it("does calendar arithmetic", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(dayOfWeek("2026-11-23")).toBe(1); // a Monday
  });
});

describe("repeated hour", () => {
  it("takes the first 01:30 on the fall-back day", () => {
    expect(formatInZone(zonedTimeToInstant("2026-11-01", 1.5 * 3600, "America/New_York"), "America/New_York")).toBe("2026-11-01T01:30:00-04:00");
  });
});
