/**
 * Go `regexp` semantics for the tests, through RE2JS (a pure-JS port of RE2 with Go's syntax:
 * `(?P<name>...)`, no lookaround, no backreferences). Flux is written in Go, so a pattern that
 * compiles and matches here behaves the same in image-reflector-controller.
 */
import { RE2JS } from "re2js";

export interface GoRegexp {
  /** Go `MatchString`: an unanchored search. */
  test(s: string): boolean;
  /** Go `FindStringSubmatch` with the named groups, or null when nothing matches. */
  exec(s: string): { readonly match: string; readonly groups: Record<string, string> } | null;
}

/** Compiles `pattern` as Go would; throws on syntax Go's RE2 refuses (lookahead, `\1`, ...). */
export function goRegexp(pattern: string): GoRegexp {
  const re = RE2JS.compile(pattern);
  const names = Object.keys(re.namedGroups());
  return {
    test: (s) => re.matcher(s).find(),
    exec: (s) => {
      const m = re.matcher(s);
      if (!m.find()) return null;
      const groups: Record<string, string> = {};
      for (const name of names) groups[name] = m.group(name) ?? "";
      return { match: m.group() ?? "", groups };
    },
  };
}
