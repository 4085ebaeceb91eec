import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { displayWidth } from "./display-width.js";
import { goDurationString } from "./go-duration.js";
import { humanBytes } from "./human-bytes.js";
import { humanTime } from "./human-time.js";
import { renderTable } from "./table.js";

describe("humanBytes (format.HumanBytes)", () => {
  const cases: Array<[number, string]> = [
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1 KB"],
    [1024, "1.0 KB"],
    [1500, "1.5 KB"],
    [741_000, "741 KB"],
    [1_234_567, "1.2 MB"],
    [9_990_000, "10.0 MB"],
    [12_345_678, "12 MB"],
    [4_700_000_000, "4.7 GB"],
    [2_000_000_000_000, "2 TB"],
  ];
  for (const [bytes, expected] of cases) test(`${bytes}`, () => assert.equal(humanBytes(bytes), expected));
});

describe("humanTime (format.HumanTime)", () => {
  const now = new Date("2026-01-10T12:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);
  const cases: Array<[number, string]> = [
    [-500, "Less than a second ago"],
    [-1000, "1 second ago"],
    [-45_000, "45 seconds ago"],
    [-90_000, "About a minute ago"],
    [-4 * 60_000, "4 minutes ago"],
    [-70 * 60_000, "About an hour ago"],
    [-24 * 3_600_000, "24 hours ago"],
    [-48 * 3_600_000, "2 days ago"],
    [-15 * 86_400_000, "2 weeks ago"],
    [-70 * 86_400_000, "2 months ago"],
    [-800 * 86_400_000, "2 years ago"],
    [4 * 60_000 + 30_000, "4 minutes from now"],
    [61_000, "About a minute from now"],
    [292 * 365 * 86_400_000, "Forever"],
  ];
  for (const [offset, expected] of cases) test(expected, () => assert.equal(humanTime(at(offset), "Never", now), expected));
  test("no time at all", () => assert.equal(humanTime(undefined, "Never", now), "Never"));
});

describe("goDurationString (time.Duration.String)", () => {
  const cases: Array<[bigint, string]> = [
    [0n, "0s"],
    [999n, "999ns"],
    [1_500n, "1.5µs"],
    [577_734n, "577.734µs"],
    [12_500_000n, "12.5ms"],
    [1_000_000_000n, "1s"],
    [1_234_567_891n, "1.234567891s"],
    [62_500_000_000n, "1m2.5s"],
    [3_600_000_000_000n, "1h0m0s"],
    [-2_000_000_000n, "-2s"],
  ];
  for (const [ns, expected] of cases) test(expected, () => assert.equal(goDurationString(ns), expected));
});

describe("displayWidth", () => {
  test("ASCII, wide and zero-width characters", () => {
    assert.equal(displayWidth("abc"), 3);
    assert.equal(displayWidth("你好"), 4);
    assert.equal(displayWidth("👋"), 2);
    assert.equal(displayWidth("e\u0301"), 1);
  });
});

describe("renderTable (tablewriter as Ollama configures it)", () => {
  test("a header pads its last cell with one space, rows with four", () => {
    const rows = [
      ["model1", "sha256:abc12", "1.0 KB", "24 hours ago"],
      ["model2", "sha256:def45", "2.0 KB", "2 days ago"],
    ];
    assert.equal(
      renderTable(rows, { header: ["NAME", "ID", "SIZE", "MODIFIED"] }),
      "NAME      ID              SIZE      MODIFIED     \n" +
        "model1    sha256:abc12    1.0 KB    24 hours ago    \n" +
        "model2    sha256:def45    2.0 KB    2 days ago      \n",
    );
  });

  test("an empty table still prints its header", () => {
    assert.equal(renderTable([], { header: ["NAME", "ID"] }), "NAME    ID \n");
  });

  test("long cells wrap at spaces within the column limit", () => {
    const text = "one two three four five six seven eight nine ten";
    assert.equal(renderTable([["", text]], { maxCellWidth: 20 }), "    one two three four      \n    five six seven eight    \n    nine ten                \n");
  });
});
