// golang.org/x/mod/semver's IsValid, which Ollama applies to REQUIRES: a `v`,
// then MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH (the short forms are allowed),
// and only after a full version a -prerelease and a +build suffix.

const NUMBER = "(?:0|[1-9][0-9]*)";
const PRERELEASE_PART = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
const BUILD_PART = "[0-9A-Za-z-]+";
const SEMVER = new RegExp(
  `^v${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}(?:-${PRERELEASE_PART}(?:\\.${PRERELEASE_PART})*)?(?:\\+${BUILD_PART}(?:\\.${BUILD_PART})*)?)?)?$`,
);

export function isValidSemver(version: string): boolean {
  return SEMVER.test(version);
}
